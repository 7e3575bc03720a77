"""Every app tells people through qa's notify with its own kind of event, which
the inbox shows under its Chinese name (no raw codes, no stand-in events)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments import services as appointments
from experts.services import availability, vetting
from qa.announcements import experts_invite
from qa.models import Notification, NotificationEvent
from servicedesk.services import (
    onsite_answer,
    onsite_reject,
    onsite_report,
    onsite_verify,
)
from tests.factories.appointments import AppointmentLetterFactory
from tests.factories.experts import ExpertApplicationFactory
from tests.factories.servicedesk import (
    CityStationFactory,
    problem_at,
    reward_rules,
    staff_of,
)
from tests.factories.stations import (
    DirectorFactory,
    ExpertFactory,
    provincial_station,
)

pytestmark = pytest.mark.django_db
E = NotificationEvent


def inbox_of(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("qa_account:inbox")).content.decode()


def told(user, event) -> Notification:
    return Notification.objects.get(recipient=user, event=event)


def test_the_new_kinds_have_chinese_labels():
    labels = {
        E.LETTER_ISSUED: "聘书已颁发",
        E.LETTER_EXPIRING: "聘书即将到期",
        E.INVITATION_DECLINED: "专家谢绝了邀请",
        E.VETTING_DECISION: "专家资格审核结果",
        E.ONSITE_REPORTED: "待确认的实地服务",
        E.ONSITE_DECIDED: "实地服务审核结果",
    }
    for event, label in labels.items():
        assert str(E(event).label) == label


def test_an_issued_letter_reaches_the_experts_inbox(client):
    expert = ExpertFactory(station=provincial_station())
    letter = appointments.letter_issue(expert=expert, actor=DirectorFactory())
    notification = told(expert.user, E.LETTER_ISSUED)
    assert letter.number in notification.subject
    page = inbox_of(client, expert.user)
    assert "聘书已颁发" in page and "letter_issued" not in page


def test_an_expiring_letter_reaches_the_experts_inbox(client):
    today = datetime.date.today()
    letter = AppointmentLetterFactory(
        start=today - datetime.timedelta(days=700),
        end=today + datetime.timedelta(days=20),
    )
    appointments.letters_remind_expiry()
    assert letter.number in told(letter.expert.user, E.LETTER_EXPIRING).subject
    page = inbox_of(client, letter.expert.user)
    assert "聘书即将到期" in page and "letter_expiring" not in page


def test_a_declined_invitation_reaches_the_staff_inbox_as_a_decline(
    client, problem, clerk
):
    expert = ExpertFactory(expertise=["污水处理"])
    experts_invite(problem=problem, experts=[expert], user=clerk)
    invitation = told(expert.user, E.INVITED)
    availability.invitation_decline(
        user=expert.user, invitation=invitation, reason="不在我的研究方向内"
    )
    notification = told(clerk, E.INVITATION_DECLINED)
    assert notification.body == "不在我的研究方向内"
    assert not Notification.objects.filter(recipient=clerk, event=E.ESCALATED)
    page = inbox_of(client, clerk)
    assert "专家谢绝了邀请" in page and "不在我的研究方向内" in page


def test_a_vetting_decision_reaches_the_applicants_inbox(client, clerk):
    applicant = ExpertApplicationFactory()
    vetting.expert_reject(expert=applicant, actor=clerk, reason="所附证书无法辨认")
    notification = told(applicant.user, E.VETTING_DECISION)
    assert notification.body == "所附证书无法辨认"
    assert notification.url == reverse("experts:application")
    page = inbox_of(client, applicant.user)
    assert "专家资格审核结果" in page and "所附证书无法辨认" in page


@pytest.fixture
def city():
    reward_rules()
    return CityStationFactory()


@pytest.fixture
def reported(city, expert):
    return onsite_report(
        problem=problem_at(city),
        user=expert.user,
        service_date=timezone.localdate() - datetime.timedelta(days=3),
        place="企业生产车间",
        work_done="调整了温控参数",
    )


def test_a_reported_visit_asks_the_enterprise_to_confirm(client, reported, expert):
    enterprise_user = reported.problem.enterprise.user
    notification = told(enterprise_user, E.ONSITE_REPORTED)
    assert expert.real_name in notification.subject
    assert "企业生产车间" in notification.body
    assert notification.url == reverse("servicedesk:onsite_mine")
    assert not Notification.objects.filter(recipient=expert.user).exists()
    page = inbox_of(client, enterprise_user)
    assert "待确认的实地服务" in page


def test_the_expert_hears_the_verification_then_the_revocation(
    client, reported, city, expert
):
    clerk = staff_of(city)
    onsite_answer(service=reported, user=reported.problem.enterprise.user, confirm=True)
    onsite_verify(service=reported, actor=clerk)
    verified = told(expert.user, E.ONSITE_DECIDED)
    assert "已通过审核" in verified.subject
    onsite_reject(service=reported, actor=clerk, reason="企业反映问题未解决")
    decisions = Notification.objects.filter(recipient=expert.user).order_by("pk")
    assert [n.event for n in decisions] == [E.ONSITE_DECIDED, E.ONSITE_DECIDED]
    assert decisions[1].body == "企业反映问题未解决"
    assert "未被认可" in decisions[1].subject
    page = inbox_of(client, expert.user)
    assert page.count("实地服务审核结果") == 2


def test_a_rejected_report_is_told_to_the_expert(reported, city, expert):
    onsite_reject(service=reported, actor=staff_of(city), reason="无现场照片")
    assert told(expert.user, E.ONSITE_DECIDED).body == "无现场照片"
