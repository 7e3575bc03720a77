import pytest
from taggit.models import Tag

from qa.tags import parse_tags
from tests.factories.qa import ProblemFactory


def test_parse_splits_on_chinese_and_latin_separators():
    assert parse_tags("污水处理,厌氧，玉米、人参;光学；铁路") == [
        "污水处理", "厌氧", "玉米", "人参", "光学", "铁路",
    ]  # fmt: skip


def test_case_and_width_variants_are_one_tag():
    assert parse_tags("Python, python, ＰＹＴＨＯＮ") == ["Python"]


@pytest.mark.django_db
def test_later_variants_reuse_the_existing_tag(enterprise):
    first = ProblemFactory(enterprise=enterprise, tags=["Python, python, ＰＹＴＨＯＮ"])
    second = ProblemFactory(enterprise=enterprise, tags=["PYTHON"])
    assert Tag.objects.count() == 1
    assert list(second.tags.all()) == list(first.tags.all())


@pytest.mark.django_db
def test_an_existing_full_width_tag_is_reused(enterprise):
    Tag.objects.create(name="ＣＮＣ机床", slug="cnc-full")
    problem = ProblemFactory(enterprise=enterprise, tags=["cnc机床"])
    assert [t.slug for t in problem.tags.all()] == ["cnc-full"]


def test_emoji_or_punctuation_alone_is_not_a_tag():
    assert parse_tags("😀😀、　、,,,，C++，★") == ["C++"]


def test_a_problem_tagged_with_emoji_keeps_the_lists_working(client, enterprise):
    from qa.services.problems import problem_create
    from tests.factories.qa import clerk_user

    problem = problem_create(
        enterprise=enterprise,
        title="包装机卡料",
        description="包装机每小时卡料三次。",
        industry="grain",
        region="changchun",
        tags=["😀😀", "包装机"],
        clerk=clerk_user(),
    )
    assert list(problem.tags.names()) == ["包装机"]
    for url in ("/problems/", f"/problems/{problem.pk}/", "/api/v3/tags/"):
        assert client.get(url).status_code == 200
