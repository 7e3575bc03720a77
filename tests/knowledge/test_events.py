import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from knowledge import services
from knowledge.models import EventRegistration
from tests.factories.knowledge import event
from tests.factories.stations import PASSWORD, EnterpriseFactory, ExpertFactory

CONTACT = {"contact_name": "王经理", "phone": "13800001234"}


def register(fair, user, **extra):
    return services.event_register(event=fair, user=user, **{**CONTACT, **extra})


@pytest.fixture
def fair(tree):
    return event(tree.events, capacity=2)


@pytest.mark.django_db
def test_enterprise_and_expert_register_with_their_organisation(fair, enterprise):
    expert = ExpertFactory(organisation="吉林大学")
    first = register(fair, enterprise.user, note="想对接秸秆综合利用技术")
    second = register(fair, expert.user)
    assert (first.role, first.organisation) == ("enterprise", enterprise.name)
    assert (second.role, second.organisation) == ("expert", "吉林大学")
    assert fair.places_left == 0


@pytest.mark.django_db
def test_a_second_registration_by_the_same_user_is_refused(fair, enterprise):
    register(fair, enterprise.user)
    with pytest.raises(ValidationError) as error:
        register(fair, enterprise.user)
    assert error.value.code == "duplicate"
    assert fair.registrations.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_duplicates_even_past_the_service(fair, enterprise):
    """The unique constraint holds when two requests race past the service's check."""
    register(fair, enterprise.user)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventRegistration.objects.create(
            event=fair,
            user=enterprise.user,
            role="enterprise",
            organisation="x",
            **CONTACT,
        )


@pytest.mark.django_db
def test_a_race_that_reaches_the_insert_becomes_a_clear_refusal(
    fair, enterprise, monkeypatch
):
    register(fair, enterprise.user)
    # Simulate the concurrent request: its duplicate check ran before our insert.
    monkeypatch.setattr(
        EventRegistration, "validate_constraints", lambda self, exclude=None: None
    )
    monkeypatch.setattr(
        EventRegistration, "validate_unique", lambda self, exclude=None: None
    )
    real_filter = fair.registrations.model.objects.filter

    class Unchecked:
        def filter(self, **kwargs):
            return EventRegistration.objects.none()

        def count(self):
            return 0

    monkeypatch.setattr(type(fair), "registrations", property(lambda self: Unchecked()))
    with pytest.raises(ValidationError) as error:
        register(fair, enterprise.user)
    assert error.value.code == "duplicate"
    assert real_filter(event_id=fair.pk).count() == 1


@pytest.mark.django_db
def test_a_full_event_refuses_further_registrations(fair):
    register(fair, EnterpriseFactory().user)
    register(fair, EnterpriseFactory().user)
    with pytest.raises(ValidationError) as error:
        register(fair, EnterpriseFactory().user)
    assert error.value.code == "full"
    assert fair.registrations.count() == 2


@pytest.mark.django_db
def test_closed_or_past_deadline_registration_is_refused(tree, enterprise):
    closed = event(tree.events, registration_open=False)
    past_deadline = event(
        tree.events, registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    for page in (closed, past_deadline):
        with pytest.raises(ValidationError) as error:
            register(page, enterprise.user)
        assert error.value.code == "closed"


@pytest.mark.django_db
def test_only_enterprises_and_verified_experts_may_register(fair, clerk):
    with pytest.raises(PermissionDenied):
        register(fair, clerk)
    with pytest.raises(PermissionDenied):
        register(fair, ExpertFactory(status="pending").user)


@pytest.mark.django_db
def test_registration_through_the_page(fair, enterprise, client):
    page = client.get(fair.url)
    assert page.context["registration_form"] is None
    assert page.context["login_url"] in page.content.decode()
    client.login(username=enterprise.user.username, password=PASSWORD)
    page = client.get(fair.url)
    assert page.context["registration_form"] is not None
    response = client.post(
        f"/events/{fair.pk}/register/", {**CONTACT, "note": "秸秆"}, follow=True
    )
    assert response.status_code == 200
    assert fair.registrations.get().note == "秸秆"
    assert response.context["my_registration"] is not None
    # a second post is refused with a message, not an error page
    response = client.post(f"/events/{fair.pk}/register/", CONTACT, follow=True)
    assert response.status_code == 200
    assert fair.registrations.count() == 1
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


@pytest.mark.django_db
def test_anonymous_post_is_sent_to_log_in(fair, client):
    response = client.post(f"/events/{fair.pk}/register/", CONTACT)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not fair.registrations.exists()


@pytest.mark.django_db
def test_withdrawing_frees_the_place(fair, enterprise, client):
    register(fair, enterprise.user)
    client.login(username=enterprise.user.username, password=PASSWORD)
    client.post(f"/events/{fair.pk}/cancel/")
    assert not fair.registrations.exists()


@pytest.mark.django_db
def test_an_event_cannot_end_before_it_starts(tree):
    page = event(tree.events)
    page.end_at = page.start_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        page.full_clean()


@pytest.mark.django_db
def test_staff_export_the_registration_list_as_csv(fair, enterprise, tree, client):
    from django.contrib.auth.models import Group

    from stations import roles
    from tests.factories.stations import UserFactory

    services.ensure_editorial_workflow(root=tree.home)
    register(fair, enterprise.user, note="秸秆")
    editor = UserFactory(groups=[Group.objects.get(name=roles.EDITOR)])
    client.force_login(editor)
    response = client.get("/admin/event_registrations/", {"export": "csv"})
    assert response.status_code == 200
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 2
    local = timezone.localtime(fair.registrations.get().created_at)
    assert enterprise.name in rows[1]
    assert local.strftime("%Y-%m-%d %H:%M") in rows[1]
    assert "13800001234" in rows[1]
