import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches

from stations import roles
from tests.factories.qa import ProblemFactory
from tests.factories.stations import (
    EnterpriseFactory,
    ExpertFactory,
    RewardRuleFactory,
    UserFactory,
    join_as_clerk,
)


@pytest.fixture(autouse=True)
def _media_and_index(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Values cached per content generation must not outlive a test's rollback.
    caches["default"].clear()


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory()


@pytest.fixture
def expert(db):
    return ExpertFactory()


@pytest.fixture
def pending_expert(db):
    return ExpertFactory(status="pending")


@pytest.fixture
def clerk(db):
    roles.ensure_role_groups()
    return join_as_clerk(UserFactory(groups=[Group.objects.get(name=roles.CLERK)]))


@pytest.fixture
def online_rule(db):
    return RewardRuleFactory()


@pytest.fixture
def problem(enterprise):
    return ProblemFactory(enterprise=enterprise)
