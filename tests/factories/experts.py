import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from experts.models import AwayPeriod
from experts.services.registration import expert_apply
from stations.models import ExpertProfile
from tests.factories.stations import PASSWORD

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "职称证书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png_upload(name: str = "工作证.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class ExpertApplicationFactory(DjangoModelFactory):
    """A pending expert who applied through the registration service; the
    factory returns the ExpertProfile."""

    class Meta:
        model = ExpertProfile

    username = factory.Sequence(lambda n: f"applicant{n}")
    password = PASSWORD
    real_name = factory.Sequence(lambda n: f"张申请{n}")
    organisation = "长春工业大学"
    organisation_type = "university"
    department = "化学工程学院"
    title = "副教授"
    phone = factory.Sequence(lambda n: f"1390002{n % 10000:04d}")
    email = factory.LazyAttribute(lambda a: f"{a.username}@example.com")
    consent = True
    documents = factory.LazyFunction(lambda: [pdf_upload()])
    channels = ("site", "email")
    frequency = "instant"
    expertise = ("发酵工程",)
    industries = ("grain",)
    biography = "从事玉米深加工与发酵工程研究二十年。"
    station = None

    @classmethod
    def _create(cls, model_class, *, channels, expertise, industries, **kwargs):
        return expert_apply(
            channels=list(channels),
            expertise=list(expertise),
            industries=list(industries),
            **kwargs,
        )


class AwayPeriodFactory(DjangoModelFactory):
    class Meta:
        model = AwayPeriod

    """An expert away from yesterday for a week."""

    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(1))
    end = factory.LazyAttribute(lambda p: p.start + datetime.timedelta(7))
