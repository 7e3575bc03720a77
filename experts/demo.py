"""Demo records of the expert roster, through the same services as real use;
idempotent: each step is skipped once its record exists."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF

from experts.models import AwayPeriod, ExpertApplication, InvitationReply
from experts.services import availability, registration, vetting
from qa.announcements import experts_invite
from qa.models import Notification, NotificationEvent, Problem, ProblemStatus
from stations.models import ExpertProfile, User

#: the demo's two applicants still waiting for vetting (people.json)
APPLICANTS = ("exp23", "exp24")
#: exp23 is asked for more information; exp24 waits in the queue
ASKED = "exp23"
AWAY = "exp05"
DECLINING = "exp11"


def _document(expert: ExpertProfile) -> SimpleUploadedFile:
    """A one-page PDF standing in for a scanned title certificate."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=f"Title certificate (demo) - {expert.user.username}")
    return SimpleUploadedFile(
        f"title-certificate-{expert.user.username}.pdf",
        bytes(pdf.output()),
        content_type="application/pdf",
    )


def load(tally, *, director: User) -> None:
    director = User.objects.get(pk=director.pk)  # fresh permission cache
    _applications(tally, director=director)
    _away(tally)
    _declined_invitation(tally, director=director)


def _applications(tally, *, director: User) -> None:
    """The pending applicants filed consent and a document; one was asked for
    more information by the director."""
    for username in APPLICANTS:
        expert = ExpertProfile.objects.get(user__username=username)
        exists = ExpertApplication.objects.filter(expert=expert).exists()
        tally.add("expert applications", created=not exists)
        if exists or expert.status != ExpertProfile.Status.PENDING:
            continue
        registration.application_submit(
            expert=expert, user=expert.user, consent=True, documents=[_document(expert)]
        )
        if username == ASKED:
            vetting.expert_request_info(
                expert=expert,
                actor=director,
                reason="请补充高级职称证书的扫描件，并注明现任职单位。",
            )


def _away(tally) -> None:
    expert = ExpertProfile.objects.get(user__username=AWAY)
    today = timezone.localdate()
    exists = AwayPeriod.objects.filter(expert=expert, end__gte=today).exists()
    tally.add("away periods", created=not exists)
    if not exists:
        availability.away_add(
            user=expert.user,
            start=today - datetime.timedelta(days=2),
            end=today + datetime.timedelta(days=12),
            note="赴德国参加学术交流，期间无法答疑。",
        )


def _declined_invitation(tally, *, director: User) -> None:
    """The director invites an expert to an open problem; he declines."""
    expert = ExpertProfile.objects.get(user__username=DECLINING)
    if InvitationReply.objects.filter(expert=expert).exists():
        tally.add("declined invitations", created=False)
        return
    problem = (
        Problem.objects.filter(status=ProblemStatus.OPEN)
        .exclude(notifications__recipient=expert.user)
        .order_by("pk")
        .first()
    )
    if problem is None:
        return  # no open problem to invite him to
    tally.add("declined invitations", created=True)
    experts_invite(problem=problem, experts=[expert], user=director)
    invitation = Notification.objects.get(
        recipient=expert.user, event=NotificationEvent.INVITED, problem=problem
    )
    availability.invitation_decline(
        user=expert.user,
        invitation=invitation,
        reason="该问题涉及的工艺不在我的研究方向内，建议邀请化工方向的专家。",
    )
