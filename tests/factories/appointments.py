import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from appointments.models import AppointmentLetter, Assessment, Half
from appointments.services import letter_number
from tests.factories.stations import ExpertFactory, UserFactory


class AppointmentLetterFactory(DjangoModelFactory):
    """A letter written directly, for reads; issuing goes through the services."""

    class Meta:
        model = AppointmentLetter

    expert = factory.SubFactory(ExpertFactory)
    station = factory.LazyAttribute(lambda letter: letter.expert.station)
    year = 2025
    sequence = factory.Sequence(lambda n: 9000 + n)
    number = factory.LazyAttribute(
        lambda letter: letter_number(letter.year, letter.sequence)
    )
    start = datetime.date(2025, 1, 1)
    end = datetime.date(2027, 12, 31)
    issued_on = factory.LazyAttribute(lambda letter: letter.start)
    issued_by = factory.SubFactory(UserFactory)


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    expert = factory.SubFactory(ExpertFactory)
    year = 2025
    half = Half.FIRST
    score = Decimal("80")
    grade = "good"
    assessed_by = factory.SubFactory(UserFactory)
