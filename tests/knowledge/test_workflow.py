import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowState

from knowledge.models import NewsPage
from knowledge.services import WORKFLOW_NAME, ensure_editorial_workflow
from stations import roles
from tests.factories.stations import DirectorFactory, UserFactory


@pytest.fixture
def workflow(tree):
    return ensure_editorial_workflow(root=tree.home)


@pytest.fixture
def editor(workflow):
    return UserFactory(groups=[Group.objects.get(name=roles.EDITOR)])


@pytest.fixture
def director(workflow):
    return DirectorFactory()


def draft(section, editor) -> NewsPage:
    page = NewsPage(
        title="服务站走进长春新区", date=datetime.date(2026, 4, 1), live=False
    )
    section.add_child(instance=page)
    page.save_revision(user=editor)
    return page


@pytest.mark.django_db
def test_the_workflow_set_up_is_idempotent(tree, workflow):
    again = ensure_editorial_workflow(root=tree.home)
    assert again == workflow
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert workflow.tasks.count() == 1
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.DIRECTOR]
    assert tree.technologies.get_workflow() == workflow


@pytest.mark.django_db
def test_editors_draft_but_cannot_publish(tree, editor):
    permissions = tree.news.permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert not permissions.can_publish_subpage()
    page = draft(tree.news, editor)
    assert not page.permissions_for_user(editor).can_publish()
    assert not page.live


@pytest.mark.django_db
def test_draft_submitted_approved_by_the_director_goes_live(
    tree, editor, director, client
):
    page = draft(tree.news, editor)
    assert not page.live

    state = page.get_workflow().start(page, editor)
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live  # submitted, still waiting for the director

    client.force_login(director)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", state.current_task_state.pk),
        ),
        {"comment": "同意发布"},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_an_editor_cannot_approve_their_own_submission(tree, editor, client):
    page = draft(tree.news, editor)
    state = page.get_workflow().start(page, editor)
    client.force_login(editor)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", state.current_task_state.pk),
        )
    )
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_director_rejection_keeps_the_page_offline(tree, editor, director):
    page = draft(tree.news, editor)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, director, "reject")
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live


@pytest.mark.django_db
def test_scheduled_publishing_waits_for_its_time(tree, director):
    page = draft(tree.news, director)
    go_live = timezone.now() + datetime.timedelta(days=1)
    page.go_live_at = go_live
    revision = page.save_revision(user=director, approved_go_live_at=go_live)
    revision.publish(user=director)
    page.refresh_from_db()
    assert not page.live
    assert page.revisions.filter(approved_go_live_at__isnull=False).exists()

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet

    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
