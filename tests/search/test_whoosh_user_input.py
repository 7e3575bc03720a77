"""Any text a user types gives results or nothing, quickly — never an error."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modelsearch.utils import parse_query_string

from qa.models import Problem
from tests.factories.qa import ProblemFactory

pytestmark = pytest.mark.django_db

ODD_INPUTS = [
    '22" BX',
    '"web 3d',
    "(((",
    "[a TO",
    "\\",
    "学*",
    "Python OR Java",
    "python or java",
    "NOT 安装",
    "AND",
    "OR OR NOT",
    "*",
    "?",
    ":",
    "title:污水",
    "😀 污水 🎉",
    "＂污水处理＂　（全角）",
    "<script>alert(1)</script>",
    "污水" * 1000,
    "x" * 2000,
]


@pytest.fixture
def problems(whoosh):
    created = [
        ProblemFactory(
            title="Python 数据采集程序报错", description="采集脚本", tags=["软件"]
        ),
        ProblemFactory(title="Java 接口超时", description="服务端接口", tags=["软件"]),
        ProblemFactory(title="设备安装调试", description="现场安装", tags=["设备"]),
        ProblemFactory(title="玉米深加工企业污水处理难题"),
    ]
    for problem in created:
        # Tags are set after the save that indexed the problem.
        whoosh.add(Problem.objects.get(pk=problem.pk))
    return created


def search_both_ways(text: str) -> tuple[list, list]:
    """Raw string (Problem.objects.search) and Wagtail's parsed query."""
    raw = list(Problem.objects.search(text))
    _, parsed_query = parse_query_string(text)
    parsed = list(Problem.objects.search(parsed_query))
    return raw, parsed


@pytest.mark.parametrize("text", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_input_answers_quickly(problems, text):
    started = time.perf_counter()
    raw, parsed = search_both_ways(text)
    assert time.perf_counter() - started < 2.0
    assert isinstance(raw, list) and isinstance(parsed, list)


def titles(results) -> set[str]:
    return {p.title for p in results}


def test_upper_case_or_is_an_operator(problems):
    assert titles(Problem.objects.search("Python OR Java")) == {
        "Python 数据采集程序报错",
        "Java 接口超时",
    }


def test_lower_case_or_is_an_ordinary_word(problems):
    # "or" is a stop word; the remaining words must all match (AND).
    assert titles(Problem.objects.search("python or java")) == set()
    assert titles(Problem.objects.search("python or 采集")) == {
        "Python 数据采集程序报错"
    }


def test_not_excludes(problems):
    found = titles(Problem.objects.search("NOT 安装"))
    assert "设备安装调试" not in found
    assert "Java 接口超时" in found


def test_unbalanced_quote_is_a_phrase_to_the_end(problems):
    _, query = parse_query_string('"污水处理')
    assert titles(Problem.objects.search(query)) == {"玉米深加工企业污水处理难题"}


def test_wildcards_and_brackets_are_plain_characters(problems):
    assert titles(Problem.objects.search("安装*")) == {"设备安装调试"}
    assert titles(Problem.objects.search("(((")) == set()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=300))
def test_any_text_is_answered(problems, text):
    raw, parsed = search_both_ways(text)
    assert all(isinstance(p, Problem) for p in raw + parsed)
    list(Problem.objects.autocomplete(text))
