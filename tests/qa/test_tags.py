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


def test_a_tag_of_emoji_alone_is_refused_and_nothing_written(enterprise):
    from django.core.exceptions import ValidationError

    from qa.models import Problem
    from qa.services.problems import problem_create

    with pytest.raises(ValidationError, match="字母或数字"):
        problem_create(
            enterprise=enterprise,
            title="包装机卡料",
            description="包装机每小时卡料三次。",
            industry="grain",
            region="changchun",
            tags=["😀😀", "包装机"],
        )
    assert not Problem.objects.exists() and not Tag.objects.exists()


def test_invisible_characters_make_no_second_tag(client, enterprise):
    first = ProblemFactory(enterprise=enterprise, tags=["甲醛"])
    second = ProblemFactory(enterprise=enterprise, tags=["\u200b甲醛\u200d"])
    assert Tag.objects.count() == 1
    assert list(second.tags.all()) == list(first.tags.all())
    assert client.get("/problems/tags/甲醛/").status_code == 200
