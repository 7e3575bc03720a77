import pytest
from django.urls import reverse

from qa import services as qa_services
from stations.models import ExcellentExpertList, ExcellentExpertMember
from tests.factories.experts import ExpertApplicationFactory
from tests.factories.stations import DirectorFactory, ExpertFactory


@pytest.mark.django_db
def test_public_profile_shows_the_record_and_never_contact_details(
    client, expert, problem, clerk
):
    expert.expertise.set(["污水处理"])
    expert.industries = ["grain"]
    expert.save()
    answer = qa_services.answer_create(problem=problem, user=expert.user, text="解答一")
    qa_services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    pending = qa_services.answer_create(
        problem=problem, user=expert.user, text="解答二"
    )
    assert pending.screening == "pending"  # not counted until published
    director = DirectorFactory()
    year_list = ExcellentExpertList.objects.create(year=2025, approved_by=director)
    ExcellentExpertMember.objects.create(
        list=year_list, rank=1, expert=expert, score="9.5"
    )
    page = client.get(reverse("experts:profile", args=[expert.pk])).content.decode()
    assert expert.real_name in page and "吉林大学" in page and "教授" in page
    assert "污水处理" in page and "玉米" in page
    assert "已发布解答" in page
    assert "<dd>1</dd>" in page  # one published answer
    assert "4.0 / 5" in page
    assert "2025" in page
    assert expert.phone not in page
    assert expert.email not in page


@pytest.mark.django_db
def test_only_verified_experts_have_a_public_profile(client, pending_expert):
    suspended = ExpertFactory(status="suspended")
    rejected = ExpertApplicationFactory()
    rejected.status = "rejected"
    rejected.save()
    for other in (pending_expert, suspended, rejected):
        assert (
            client.get(reverse("experts:profile", args=[other.pk])).status_code == 404
        )
    assert client.get(reverse("experts:profile", args=[99999])).status_code == 404


@pytest.mark.django_db
def test_names_in_problem_threads_link_to_the_profile(client, expert, problem, clerk):
    answer = qa_services.answer_create(problem=problem, user=expert.user, text="解答")
    qa_services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=5)
    page = client.get(problem.get_absolute_url()).content.decode()
    assert reverse("experts:profile", args=[expert.pk]) in page
