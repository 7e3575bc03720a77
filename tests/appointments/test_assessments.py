"""Half-yearly assessments by the director (notice §4.3)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from appointments import selectors, services
from appointments.models import Assessment, Grade, Half
from tests.factories.stations import DirectorFactory, ExpertFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("75", Grade.GOOD),
        ("74.99", Grade.PASS),
        ("60", Grade.PASS),
        ("59.99", Grade.FAIL),
        ("0", Grade.FAIL),
    ],
)
def test_grade_thresholds(score, grade):
    assert selectors.grade_for(Decimal(score)) == grade


def _record(expert, actor, **kwargs):
    fields = {"year": 2025, "half": Half.SECOND, "score": Decimal("91.5")}
    return services.assessment_record(expert=expert, actor=actor, **fields | kwargs)


def test_director_records_an_assessment_with_its_grade(director, station_expert):
    assessment = _record(station_expert, director, comment=" 答复及时 ")
    assert assessment.grade == Grade.EXCELLENT
    assert assessment.comment == "答复及时"
    assert assessment.assessed_by == director
    assert (assessment.period_start, assessment.period_end) == (
        datetime.date(2025, 7, 1),
        datetime.date(2025, 12, 31),
    )


def test_one_assessment_per_expert_and_period(director, station_expert):
    _record(station_expert, director)
    with pytest.raises(ValidationError):
        _record(station_expert, director, score=Decimal("50"))
    assert _record(station_expert, director, half=Half.FIRST).pk
    assert Assessment.objects.count() == 2


def test_clerk_may_not_assess(clerk, station_expert):
    with pytest.raises(PermissionDenied):
        _record(station_expert, clerk)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("score", ["100.01", "-1"])
def test_score_must_be_between_0_and_100(director, station_expert, score):
    with pytest.raises(ValidationError):
        _record(station_expert, director, score=Decimal(score))


def test_a_period_not_yet_begun_cannot_be_assessed(director, station_expert):
    with pytest.raises(ValidationError):
        _record(station_expert, director, year=datetime.date.today().year + 1)


@pytest.mark.parametrize(
    ("approved", "quality", "accepted", "score"),
    [
        (0, None, 0, "0.00"),
        (4, 4.0, 1, "65.00"),  # 48 + 12 + 5
        (10, 5.0, 2, "100.00"),
        (25, 5.0, 9, "100.00"),  # capped
        (3, 3.33, 0, "48.96"),
    ],
)
def test_suggested_score(approved, quality, accepted, score):
    suggested = selectors.suggested_score(
        approved=approved, average_quality=quality, accepted=accepted
    )
    assert suggested == Decimal(score)


def test_suggestions_cover_only_the_directors_experts(director, station_expert):
    outsider = ExpertFactory(station=StationFactory())
    city_director_rows = selectors.suggested_scores(
        director, year=2025, half=Half.FIRST
    )
    assert station_expert.pk in {r["expert_id"] for r in city_director_rows}
    city = DirectorFactory(station=outsider.station)
    rows = selectors.suggested_scores(city, year=2025, half=Half.FIRST)
    assert [r["expert_id"] for r in rows] == [outsider.pk]
    assert rows[0]["suggested"] == Decimal("0.00")
