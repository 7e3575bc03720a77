"""The visitor log: recording visits and turning one into a problem."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qa.models import Problem
from qa.services.problems import problem_create
from servicedesk.models import Visit
from servicedesk.services.common import require_staff
from stations.models import Station, User


@transaction.atomic
def visit_create(*, station: Station, handled_by: User, **fields) -> Visit:
    """A clerk records a visit, call or online enquiry at his station."""
    require_staff(user=handled_by, perm="servicedesk.add_visit", station=station)
    visit = Visit(station=station, handled_by=handled_by, **fields)
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def visit_to_problem(*, visit: Visit, actor: User, tags: list[str] = ()) -> Problem:
    """Post the visit's question as a problem of its enterprise, opened at once.

    The clerk took the question at the desk, so his check is the clerk check.
    """
    require_staff(user=actor, perm="servicedesk.change_visit", station=visit.station)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.problem_id:
        raise ValidationError(
            _("This visit has already become a problem."), code="linked"
        )
    if visit.enterprise is None:
        raise ValidationError(
            _(
                "This visit has no registered enterprise: a problem is always "
                "posted on behalf of an enterprise. Register the company first "
                "and choose it in the visit."
            ),
            code="no_enterprise",
        )
    enterprise = visit.enterprise
    problem = problem_create(
        enterprise=enterprise,
        title=visit.topic,
        description=visit.question,
        industry=enterprise.industry,
        region=enterprise.region,
        tags=list(tags),
        clerk=actor,
    )
    visit.problem = problem
    visit.save(update_fields=["problem"])
    return problem
