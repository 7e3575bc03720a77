"""Searching problems and pages through Wagtail's search API, in Chinese."""

import pytest
from django.core.management import call_command
from modelsearch.query import Phrase
from wagtail.models import Page
from whoosh import query as wq

from knowledge.models import StandardPage, TechnologyNoticePage
from qa.models import Problem, ProblemStatus
from tests.factories.qa import ProblemFactory

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [r.title for r in results]


@pytest.fixture
def problems(whoosh):
    created = [
        ProblemFactory(title="玉米深加工企业污水处理难题"),
        ProblemFactory(
            title="西门子 S7-1200 PLC 通讯故障",
            description="以太网通讯经常中断，需要专家远程指导。",
            industry="automotive",
            tags=["自动化"],
        ),
        ProblemFactory(
            title="人参皂苷提取率偏低",
            description="乙醇回流提取，提取率只有 2%，希望提高。",
            industry="tcm",
            tags=["中药材"],
        ),
    ]
    # problem_create sets tags and status after the save that indexed the problem
    # (tags.set(), QuerySet.update()), so index the final state explicitly.
    for problem in created:
        whoosh.add(Problem.objects.get(pk=problem.pk))
    return created


@pytest.fixture
def pages(whoosh):
    root = Page.get_first_root_node()
    notice = root.add_child(
        instance=TechnologyNoticePage(
            title="秸秆生物炭制备技术",
            industry="grain",
            holder_institution="吉林农业大学",
            body=[("paragraph", "<p>深度学习入门指南</p>")],
        )
    )
    standard = root.add_child(instance=StandardPage(title="这是一个测试页面"))
    return notice, standard


def test_a_word_inside_a_title_finds_the_problem(problems):
    assert titles(Problem.objects.search("污水")) == ["玉米深加工企业污水处理难题"]


def test_tags_and_descriptions_are_searched(problems):
    assert titles(Problem.objects.search("中药材")) == ["人参皂苷提取率偏低"]
    assert titles(Problem.objects.search("远程指导")) == ["西门子 S7-1200 PLC 通讯故障"]


def test_model_numbers(problems):
    for query in ["S7-1200", "s7-1200", "Ｓ７－１２００", "1200 PLC"]:
        assert titles(Problem.objects.search(query)) == ["西门子 S7-1200 PLC 通讯故障"]


def test_quoted_chinese_phrase(problems):
    found = Problem.objects.search(Phrase("污水处理难题"))
    assert titles(found) == ["玉米深加工企业污水处理难题"]
    assert titles(Problem.objects.search(Phrase("难题污水处理"))) == []


def test_filters_on_filter_fields(problems):
    open_problems = Problem.objects.filter(status=ProblemStatus.OPEN)
    assert len(open_problems.search("提取")) == 1
    assert len(open_problems.filter(industry="grain").search("提取")) == 0
    closed = Problem.objects.filter(status=ProblemStatus.CLOSED)
    assert len(closed.search("污水")) == 0


def test_ordering_from_the_queryset(problems):
    found = Problem.objects.order_by("created_at").search(
        "问题 OR 难题 OR 故障 OR 偏低", order_by_relevance=False
    )
    assert titles(found) == [p.title for p in problems]


def test_autocomplete_on_title_prefixes(problems):
    assert titles(Problem.objects.autocomplete("污水处")) == [
        "玉米深加工企业污水处理难题"
    ]
    assert titles(Problem.objects.autocomplete("S7-12")) == [
        "西门子 S7-1200 PLC 通讯故障"
    ]


def test_count_and_slices_without_loading_everything(whoosh):
    for i in range(25):
        ProblemFactory(title=f"锅炉结垢问题{i}")
    results = Problem.objects.search("锅炉")
    assert results.count() == 25
    assert len(results[10:20]) == 10
    assert results[5:8].count() == 3
    scored = Problem.objects.search("锅炉").annotate_score("score")[:3]
    assert all(isinstance(p.score, float) for p in scored)


def test_streamfield_text_is_indexed_not_its_json(pages):
    notice, _ = pages
    assert [p.pk for p in Page.objects.search("深度学习")] == [notice.pk]
    assert list(Page.objects.search("u6df1")) == []
    assert list(Page.objects.search("paragraph")) == []


def test_page_search_finds_specific_page_types(pages):
    found = Page.objects.specific().search("深度学习 OR 测试")
    assert {type(p) for p in found} == {TechnologyNoticePage, StandardPage}
    assert [p.pk for p in TechnologyNoticePage.objects.search("测试")] == []


def test_admin_search_finds_a_word_of_a_page_title(pages):
    _, standard = pages
    assert [p.pk for p in Page.objects.search("测试")] == [standard.pk]


def test_update_index_command_rebuilds(pages, problems, whoosh):
    whoosh.reset_indexes()
    assert list(Problem.objects.search("污水")) == []
    call_command("update_index", verbosity=0)
    assert titles(Problem.objects.search("污水")) == ["玉米深加工企业污水处理难题"]
    assert len(Page.objects.search("测试")) == 1


def test_deleted_objects_leave_the_index(problems):
    problems[0].delete()
    assert list(Problem.objects.search("污水")) == []


def test_fuzzy_boost_and_fields(problems):
    from modelsearch.query import Boost, Fuzzy, PlainText

    assert titles(Problem.objects.search(Fuzzy("plx"))) == [
        "西门子 S7-1200 PLC 通讯故障"
    ]
    boosted = Problem.objects.search(PlainText("污水") | Boost(PlainText("提取"), 10.0))
    assert titles(boosted)[0] == "人参皂苷提取率偏低"
    assert titles(Problem.objects.search("自动化", fields=["title"])) == []
    assert len(Problem.objects.search("自动化")) == 1


@pytest.mark.django_db
def test_counts_are_remembered_until_the_index_changes(whoosh, enterprise):
    from django.core.paginator import Paginator

    ProblemFactory.create_batch(3, enterprise=enterprise, title="锅炉结垢问题")
    calls = []
    counting = whoosh.store.match_count

    def spy(query, restrict, count):
        return counting(query, restrict, lambda: calls.append(1) or count())

    whoosh.store.match_count = spy
    results = Problem.objects.search("锅炉")
    assert results.count() == 3
    assert Paginator(results, 2).count == 3 and len(calls) == 1  # counted once
    assert [len(Paginator(results, 2).page(n)) for n in (1, 2)] == [2, 1]
    ProblemFactory(enterprise=enterprise, title="锅炉水质问题")
    assert Problem.objects.search("锅炉").count() == 4
    assert len(calls) == 2
    assert Problem.objects.filter(pk=0).search("锅炉").count() == 0


def test_a_few_pages_among_many_problems_keep_their_ranking(pages, whoosh):
    """Pages are a small part of the index: their search walks only page
    documents, and scores still come from the words alone."""
    ProblemFactory.create_batch(30, title="秸秆还田机械故障")
    root = Page.get_first_root_node()
    twice = root.add_child(instance=StandardPage(title="秸秆 秸秆 综合利用"))
    searcher = whoosh.store.searcher()
    pages_in_index = len(
        whoosh.store.allowed(searcher, wq.Term("ct", Page.indexed_get_content_type()))
    )
    assert pages_in_index * 4 <= searcher.doc_count()  # the narrowed search runs

    found = Page.objects.search("秸秆").annotate_score("score")
    notice, _ = pages
    assert [p.pk for p in found] == [twice.pk, notice.pk]
    assert found[0].score > found[1].score
    assert Page.objects.search("还田").count() == 0
    assert Problem.objects.search("秸秆").count() == 30


def test_fields_holding_no_word_of_the_query_are_left_out(pages, whoosh):
    """A page search spans every page type's fields; only those holding the word
    are searched, with the same results."""
    searcher = whoosh.store.searcher()
    compiler = Page.objects.search("秸秆").query_compiler
    query = compiler.whoosh_query(whoosh.store.indexed_fields(), searcher.reader())
    fields = {field for field, _ in query.all_terms()}
    assert fields
    assert all(searcher.reader().doc_frequency(f, "秸秆") for f in fields)
    assert len(fields) < len(compiler.text_fields())
    notice, _ = pages
    # a word that no field holds: nothing has every word, either may have one
    assert Page.objects.search("秸秆 火箭发动机").count() == 0
    assert [p.pk for p in Page.objects.search("秸秆 火箭发动机", operator="or")] == [
        notice.pk
    ]
    assert Page.objects.search("秸秆 NOT 火箭发动机").count() == 1
