import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from qa import services
from qa.models import Problem
from stations import roles
from tests.factories.stations import EnterpriseFactory, UserFactory, join_as_clerk


def clerk_user():
    """A clerk of the provincial station, with the role's real permissions."""
    roles.ensure_role_groups()
    return join_as_clerk(UserFactory(groups=[Group.objects.get(name=roles.CLERK)]))


class ProblemFactory(DjangoModelFactory):
    """An open problem, posted and checked through the services like a real one.

    `clerk=None` leaves it submitted, waiting for the check.
    """

    class Meta:
        model = Problem

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"玉米深加工企业污水处理难题{n}")
    description = "COD 长期在 3000 mg/L 以上，厌氧反应器出水不稳定，如何改进？"
    industry = "grain"
    region = "changchun"
    tags = ("污水处理", "玉米深加工")
    clerk = factory.LazyFunction(clerk_user)

    @classmethod
    def _create(cls, model_class, *, tags, **kwargs):
        return services.problem_create(tags=list(tags), **kwargs)
