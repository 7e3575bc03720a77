import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from experts.models import VettingAction, VettingDecision
from experts.services import vetting
from qa import services as qa_services
from stations.models import ExpertProfile
from stations.services import expert_verify
from tests.factories.experts import ExpertApplicationFactory

Status = ExpertProfile.Status
QUEUE = reverse("experts_vetting:queue")


@pytest.fixture
def decide(client, django_capture_on_commit_callbacks):
    """Post a decision as the logged-in user; mail goes out on commit."""

    def post(expert, action, reason=""):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("experts_vetting:decide", args=[expert.pk]),
                {"action": action, "reason": reason},
                follow=True,
            )

    return post


@pytest.fixture
def applicant(db):
    return ExpertApplicationFactory()


@pytest.mark.django_db
def test_clerk_sees_the_queue_and_approves(decide, client, clerk, applicant):
    client.force_login(clerk)
    page = client.get(QUEUE).content.decode()
    assert applicant.real_name in page
    detail = client.get(reverse("experts_vetting:detail", args=[applicant.pk]))
    assert "职称证书.pdf" in detail.content.decode()
    decide(applicant, "approve")
    applicant.refresh_from_db()
    assert applicant.status == Status.VERIFIED
    assert applicant.user.is_verified_expert
    decision = VettingDecision.objects.get(expert=applicant)
    assert (decision.action, decision.actor) == (VettingAction.APPROVED, clerk)
    assert mail.outbox[-1].to == [applicant.email]
    assert "专家服务团队" in mail.outbox[-1].subject


@pytest.mark.django_db
def test_rejection_needs_a_reason_which_is_mailed_and_shown(
    decide, client, clerk, applicant
):
    client.force_login(clerk)
    response = decide(applicant, "reject")
    assert "请说明理由" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == Status.PENDING
    decide(applicant, "reject", "所附证书无法辨认，单位信息不符")
    applicant.refresh_from_db()
    assert applicant.status == Status.REJECTED
    assert "所附证书无法辨认" in mail.outbox[-1].body
    client.force_login(applicant.user)
    page = client.get(reverse("experts:application")).content.decode()
    assert "所附证书无法辨认" in page
    assert "未通过" in page


@pytest.mark.django_db
def test_asking_for_information_and_the_applicant_answering(
    decide, client, clerk, applicant
):
    client.force_login(clerk)
    decide(applicant, "request_info", "请补充高级职称证书")
    assert "请补充高级职称证书" in mail.outbox[-1].body
    applicant.refresh_from_db()
    assert applicant.status == Status.PENDING
    assert applicant.application.info_requested
    # Asked once, the request waits for the answer.
    with pytest.raises(ValidationError):
        vetting.expert_request_info(expert=applicant, actor=clerk, reason="再补充")
    client.force_login(applicant.user)
    page = client.get(reverse("experts:application")).content.decode()
    assert "请补充高级职称证书" in page
    from tests.factories.experts import png_upload

    response = client.post(
        reverse("experts:application"),
        {
            "organisation": "长春工业大学",
            "organisation_type": "university",
            "department": "化学工程学院",
            "title": "教授",
            "expertise": "发酵工程、污水处理",
            "industries": ["grain"],
            "biography": "已晋升教授。",
            "note": "已上传教授职称证书",
            "documents": [png_upload("教授证书.png")],
        },
        follow=True,
    )
    assert response.status_code == 200
    applicant.refresh_from_db()
    assert applicant.title == "教授"
    assert not applicant.application.info_requested
    assert applicant.application.documents.count() == 2
    assert [d.action for d in applicant.vetting_decisions.order_by("pk")] == [
        VettingAction.INFO_REQUESTED,
        VettingAction.RESUBMITTED,
    ]
    client.force_login(clerk)
    vetting.expert_approve(expert=applicant, actor=clerk)
    applicant.refresh_from_db()
    assert applicant.status == Status.VERIFIED


@pytest.mark.django_db
def test_an_applicant_cannot_update_unless_asked(client, applicant):
    client.force_login(applicant.user)
    page = client.get(reverse("experts:application")).content.decode()
    assert "正在审核" in page
    with pytest.raises(ValidationError):
        from experts.services.registration import application_update

        application_update(
            expert=applicant,
            user=applicant.user,
            organisation="x",
            organisation_type="university",
            department="",
            title="",
            biography="",
            expertise=["a"],
            industries=[],
            documents=[],
        )


@pytest.mark.django_db
def test_director_suspends_and_reinstates_and_a_suspended_expert_cannot_answer(
    director, expert, problem
):
    with pytest.raises(ValidationError):
        vetting.expert_suspend(expert=expert, actor=director, reason="")
    vetting.expert_suspend(expert=expert, actor=director, reason="多次答非所问")
    expert.refresh_from_db()
    assert expert.status == Status.SUSPENDED
    expert.user.refresh_from_db()
    with pytest.raises((PermissionDenied, ValidationError)):
        qa_services.answer_create(problem=problem, user=expert.user, text="解答")
    vetting.expert_reinstate(expert=expert, actor=director, reason="已整改")
    expert.refresh_from_db()
    assert expert.status == Status.VERIFIED
    assert [d.action for d in expert.vetting_decisions.order_by("pk")] == [
        VettingAction.SUSPENDED,
        VettingAction.REINSTATED,
    ]
    assert qa_services.answer_create(problem=problem, user=expert.user, text="解答")


@pytest.mark.django_db
def test_a_clerk_cannot_suspend(decide, client, clerk, expert):
    with pytest.raises(PermissionDenied, match="主任"):
        vetting.expert_suspend(expert=expert, actor=clerk, reason="x")
    client.force_login(clerk)
    response = decide(expert, "suspend", "x")
    assert "主任" in response.content.decode()
    expert.refresh_from_db()
    assert expert.status == Status.VERIFIED
    assert not VettingDecision.objects.exists()


@pytest.mark.django_db
def test_enterprise_experts_and_anonymous_cannot_reach_the_queue(
    decide, client, enterprise, expert, applicant
):
    detail = reverse("experts_vetting:detail", args=[applicant.pk])
    for user in (enterprise.user, expert.user):
        client.force_login(user)
        assert client.get(QUEUE).status_code in (302, 403)
        assert client.get(detail).status_code in (302, 403)
        decide(applicant, "approve")
    client.logout()
    response = client.get(QUEUE)
    assert response.status_code == 302 and "login" in response["Location"]
    with pytest.raises(PermissionDenied):
        vetting.expert_approve(expert=applicant, actor=enterprise.user)
    applicant.refresh_from_db()
    assert applicant.status == Status.PENDING


@pytest.mark.django_db
def test_clerk_of_another_station_cannot_see_or_act(
    decide, client, city_station, other_city_station, city_clerk
):
    own = ExpertApplicationFactory(station=city_station)
    other = ExpertApplicationFactory(station=other_city_station)
    provincial = ExpertApplicationFactory(station=None)
    client.force_login(city_clerk)
    page = client.get(QUEUE).content.decode()
    assert own.real_name in page
    assert other.real_name not in page and provincial.real_name not in page
    detail = reverse("experts_vetting:detail", args=[other.pk])
    assert client.get(detail).status_code == 404
    assert decide(other, "approve").status_code == 404
    with pytest.raises(PermissionDenied, match="其他服务站"):
        vetting.expert_approve(expert=other, actor=city_clerk)
    with pytest.raises(PermissionDenied):
        vetting.expert_reject(expert=provincial, actor=city_clerk, reason="x")
    vetting.expert_approve(expert=own, actor=city_clerk)
    other.refresh_from_db()
    provincial.refresh_from_db()
    assert other.status == provincial.status == Status.PENDING


@pytest.mark.django_db
def test_the_provincial_director_acts_on_every_station(director, city_station):
    applicant = ExpertApplicationFactory(station=city_station)
    vetting.expert_approve(expert=applicant, actor=director)
    applicant.refresh_from_db()
    assert applicant.status == Status.VERIFIED


@pytest.mark.django_db
def test_deciding_twice_is_refused(clerk, applicant):
    vetting.expert_approve(expert=applicant, actor=clerk)
    with pytest.raises(ValidationError, match="无法操作"):
        vetting.expert_reject(expert=applicant, actor=clerk, reason="x")


@pytest.mark.django_db
def test_expert_verify_goes_through_the_vetting_service(director, pending_expert):
    expert_verify(expert=pending_expert, actor=director)
    assert pending_expert.status == Status.VERIFIED
    assert pending_expert.vetting_decisions.get().actor == director


@pytest.mark.django_db
def test_duplicates_are_warned_in_queue_and_detail(client, clerk, applicant):
    twin = ExpertApplicationFactory(phone=applicant.phone)
    namesake = ExpertApplicationFactory(
        real_name=applicant.real_name, organisation=applicant.organisation
    )
    distinct = ExpertApplicationFactory()
    client.force_login(clerk)
    page = client.get(QUEUE).content.decode()
    assert "可能重复" in page
    detail = client.get(reverse("experts_vetting:detail", args=[applicant.pk]))
    text = detail.content.decode()
    assert "手机号相同" in text and "姓名和单位相同" in text
    assert twin.real_name in text
    distinct_page = client.get(reverse("experts_vetting:detail", args=[distinct.pk]))
    assert "可能重复" not in distinct_page.content.decode()
    assert namesake.pk != applicant.pk


@pytest.mark.django_db
def test_history_shows_every_decision_with_who(client, director, applicant):
    vetting.expert_request_info(expert=applicant, actor=director, reason="请补充材料")
    client.force_login(director)
    page = client.get(reverse("experts_vetting:detail", args=[applicant.pk]))
    text = page.content.decode()
    assert "需要补充信息" in text and "请补充材料" in text
    assert director.get_username() in text
