import factory
from factory.django import DjangoModelFactory

from qa import services
from qa.models import Problem
from tests.factories.stations import EnterpriseFactory


class ProblemFactory(DjangoModelFactory):
    """An open problem, posted through the service like a real one."""

    class Meta:
        model = Problem

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"玉米深加工企业污水处理难题{n}")
    description = "COD 长期在 3000 mg/L 以上，厌氧反应器出水不稳定，如何改进？"
    industry = "grain"
    region = "changchun"
    tags = ("污水处理", "玉米深加工")

    @classmethod
    def _create(cls, model_class, *, tags, **kwargs):
        return services.problem_create(tags=list(tags), **kwargs)
