import factory
from factory.django import DjangoModelFactory

from stations.models import Enterprise, ExpertProfile, RewardRule, Station, User
from stations.models.rewards import RewardKind
from stations.validators import credit_code_check_char

PASSWORD = "correct-horse-battery"


def credit_code(n: int) -> str:
    first17 = f"91220101MA{n:07d}"
    return first17 + credit_code_check_char(first17)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if extracted:
            self.groups.set(extracted)
        self.save()


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"长春测试{n}号机械有限公司")
    credit_code = factory.Sequence(credit_code)
    contact_person = "王经理"
    phone = factory.Sequence(lambda n: f"1380000{n % 10000:04d}")
    email = factory.LazyAttribute(lambda e: e.user.email)
    industry = "grain"


class ExpertFactory(DjangoModelFactory):
    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    real_name = factory.Sequence(lambda n: f"李专家{n}")
    organisation = "吉林大学"
    title = "教授"
    phone = factory.Sequence(lambda n: f"1380001{n % 10000:04d}")
    email = factory.LazyAttribute(lambda e: e.user.email)
    status = ExpertProfile.Status.VERIFIED

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if extracted:
            self.expertise.set(extracted)


class RewardRuleFactory(DjangoModelFactory):
    class Meta:
        model = RewardRule

    kind = RewardKind.ONLINE
    amount = "50.00"
    effective_from = "2014-01-01"


def provincial_station() -> Station:
    """The one provincial station, created on first use."""
    station, _created = Station.objects.get_or_create(
        level=Station.Level.PROVINCIAL,
        defaults={"name": "吉林省中小企业技术专家服务站"},
    )
    return station


class StationFactory(DjangoModelFactory):
    """A city station under the provincial one."""

    class Meta:
        model = Station

    name = factory.Sequence(lambda n: f"测试市{n}服务站")
    level = Station.Level.CITY
    parent = factory.LazyFunction(provincial_station)
    region = "jilin"


def join_as_clerk(user: User, station: Station | None = None) -> User:
    """Make the user a clerk of the station (the provincial one by default)."""
    (station or provincial_station()).clerks.add(user)
    return user


class DirectorFactory(UserFactory):
    """A user in the station director's group (approves rewards, Art. 18),
    director of the provincial station unless `station` says otherwise."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        from stations import roles

        roles.ensure_role_groups()
        self.groups.set([Group.objects.get(name=roles.DIRECTOR)])
        self.save()

    @factory.post_generation
    def station(self, create, extracted, **kwargs):
        station = extracted or provincial_station()
        Station.objects.filter(pk=station.pk).update(director=self)
