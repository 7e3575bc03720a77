"""One small station world with a user for every role the matrix checks."""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from appointments.services import letter_issue
from qa.models import Notification, NotificationEvent, Visibility
from qa.services.answers import answer_accept, answer_create, answer_screen
from qa.services.attachments import attachment_add
from servicedesk.services.fairs import fair_solution_record
from servicedesk.services.onsite import onsite_answer, onsite_report
from servicedesk.services.referrals import referral_create
from servicedesk.services.visits import visit_create
from stations import roles
from stations.models import ReportKind
from stations.models.rewards import RewardKind
from stations.reports import report_generate
from tests.factories.experts import (
    AwayPeriodFactory,
    ExpertApplicationFactory,
    png_upload,
)
from tests.factories.knowledge import event, site_tree
from tests.factories.qa import ProblemFactory
from tests.factories.servicedesk import ServiceOrganisationFactory, past_fair
from tests.factories.stations import (
    DirectorFactory,
    EnterpriseFactory,
    ExpertFactory,
    RewardRuleFactory,
    StationFactory,
    UserFactory,
    join_as_clerk,
    provincial_station,
)

ROLES = [
    "anonymous",
    "owner",
    "other_enterprise",
    "pending_expert",
    "expert",
    "clerk_here",
    "clerk_other",
    "director",
    "editor",
    "superuser",
]

#: Text that only the author and the station's staff may read before screening.
UNSCREENED = "尚未审核的答复内容UNSCREENED"
HIDDEN_NAME = "隐名测试化工有限公司"
EXPERT_PHONE = "13900009999"


def _group(name: str) -> Group:
    roles.ensure_role_groups()
    return Group.objects.get(name=name)


def build_world() -> SimpleNamespace:
    """Stations, people of every role and one record of each private kind."""
    for kind, amount in (
        (RewardKind.ONLINE, "50.00"),
        (RewardKind.ON_SITE, "2000.00"),
        (RewardKind.FAIR, "1000.00"),
        (RewardKind.EXCELLENT, "5000.00"),
    ):
        RewardRuleFactory(kind=kind, amount=amount)
    province = provincial_station()
    here = StationFactory(name="长春市服务站", region="changchun")
    there = StationFactory(name="吉林市服务站", region="jilin")
    director = DirectorFactory()
    clerk_here = join_as_clerk(UserFactory(groups=[_group(roles.CLERK)]), here)
    clerk_other = join_as_clerk(UserFactory(groups=[_group(roles.CLERK)]), there)
    editor = UserFactory(groups=[_group(roles.EDITOR)])
    superuser = UserFactory(is_superuser=True, is_staff=True)
    owner = EnterpriseFactory(station=here, region="changchun", name=HIDDEN_NAME)
    other = EnterpriseFactory(station=there, region="jilin")
    expert = ExpertFactory(station=here, phone=EXPERT_PHONE)
    second_expert = ExpertFactory(station=here)
    pending = ExpertApplicationFactory(station=here)

    problem = ProblemFactory(enterprise=owner, clerk=clerk_here)
    experts_only = ProblemFactory(
        enterprise=owner, clerk=clerk_here, visibility=Visibility.EXPERTS
    )
    hidden = ProblemFactory(
        enterprise=owner, clerk=clerk_here, visibility=Visibility.ANONYMOUS
    )
    solved = ProblemFactory(enterprise=owner, clerk=clerk_here)
    open_problem = ProblemFactory(enterprise=owner, clerk=clerk_here)
    submitted = ProblemFactory(enterprise=owner, clerk=None)

    published = answer_create(problem=problem, user=expert.user, text="已发布的答复")
    answer_screen(answer=published, user=clerk_here, approve=True, quality_score=4)
    unscreened = answer_create(
        problem=problem, user=second_expert.user, text=UNSCREENED
    )
    accepted = answer_create(problem=solved, user=expert.user, text="被采纳的答复")
    answer_screen(answer=accepted, user=clerk_here, approve=True, quality_score=5)
    answer_accept(answer=accepted, user=owner.user, satisfaction=5)

    attachment = attachment_add(
        problem=problem, user=owner.user, upload=png_upload("现场照片.png")
    )
    private_attachment = attachment_add(
        problem=experts_only, user=owner.user, upload=png_upload("工艺图.png")
    )
    visit = visit_create(
        station=here,
        handled_by=clerk_here,
        channel="phone",
        visitor_name="张先生",
        organisation=HIDDEN_NAME,
        contact="13800001234",
        topic="污水处理咨询",
        question="厌氧反应器出水不稳定",
        enterprise=owner,
    )
    onsite = onsite_report(
        problem=problem,
        user=expert.user,
        service_date=datetime.date.today(),
        place="长春市绿园区",
        work_done="现场调试厌氧反应器",
        files=[SimpleUploadedFile("记录.png", png_upload().read(), "image/png")],
    )
    onsite_answer(service=onsite, user=owner.user, confirm=True)
    letter = letter_issue(expert=expert, actor=director)
    fair = event(site_tree().events)
    past = past_fair()
    fair_solution = fair_solution_record(
        event=past, problem=hidden, expert=expert, actor=clerk_here
    )
    referral = referral_create(
        problem=experts_only,
        organisation=ServiceOrganisationFactory(),
        actor=clerk_here,
        note="需要检测机构出具报告",
    )
    away = AwayPeriodFactory(expert=expert)
    invitation = Notification.objects.create(
        recipient=expert.user,
        event=NotificationEvent.INVITED,
        key=str(problem.pk),
        subject="邀请解答",
        body="请解答",
        problem=problem,
    )
    today = datetime.date.today()
    report, _created = report_generate(
        kind=ReportKind.MONTHLY, start=today.replace(day=1), end=today, station=here
    )
    return SimpleNamespace(
        province=province,
        here=here,
        there=there,
        users={
            "anonymous": None,
            "owner": owner.user,
            "other_enterprise": other.user,
            "pending_expert": pending.user,
            "expert": expert.user,
            "clerk_here": clerk_here,
            "clerk_other": clerk_other,
            "director": director,
            "editor": editor,
            "superuser": superuser,
        },
        owner=owner,
        expert=expert,
        pending=pending,
        problem=problem,
        experts_only=experts_only,
        hidden=hidden,
        solved=solved,
        open_problem=open_problem,
        submitted=submitted,
        second_expert=second_expert,
        private_attachment=private_attachment,
        published=published,
        unscreened=unscreened,
        accepted=accepted,
        attachment=attachment,
        entry=solved.reward_entries.get(),
        visit=visit,
        onsite=onsite,
        evidence=onsite.evidence.first(),
        letter=letter,
        fair=fair,
        fair_solution=fair_solution,
        referral=referral,
        away=away,
        invitation=invitation,
        report=report,
        document=pending.application.documents.first(),
    )
