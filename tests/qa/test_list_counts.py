"""The list's item count is kept per content generation and audience: it is
never stale after a change, and visitors never count experts-only problems."""

import pytest

from qa import selectors, services
from qa.models import ProblemStatus, Visibility
from tests.factories.qa import ProblemFactory


@pytest.mark.django_db
def test_count_follows_every_change_and_each_audience(expert, clerk):
    ProblemFactory.create_batch(2)
    assert selectors.problem_list_count() == 2
    ProblemFactory(visibility=Visibility.EXPERTS)
    assert selectors.problem_list_count() == 2
    assert selectors.problem_list_count(user=expert.user) == 3
    later = ProblemFactory(tags=["热处理"])
    assert selectors.problem_list_count() == 3
    assert selectors.problem_list_count(tag=later.tags.get().slug) == 1
    services.problem_change_status(
        problem=later, user=clerk, to_status=ProblemStatus.CLOSED, note="重复"
    )
    assert selectors.problem_list_count(status=ProblemStatus.CLOSED) == 1
    assert selectors.problem_list_count(status=ProblemStatus.OPEN) == 2


@pytest.mark.django_db
def test_list_pages_use_the_count(client):
    ProblemFactory.create_batch(20)
    assert "共 2 页" not in client.get("/problems/").content.decode()
    ProblemFactory()
    assert "第 2 页，共 2 页" in client.get("/problems/?page=2").content.decode()
