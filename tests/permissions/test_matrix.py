"""Every URL and API endpoint × every role: allowed or refused (issue 8).

Each request runs in a savepoint that is rolled back, so every role meets the
same world. A refusal is 401/403/404/405, a redirect to a login page or to the
admin's home (Wagtail's "no permission"), or an error message instead of the
action; anything else under 500 is allowed. A 5xx or a 429 fails the row. A
URL of ours missing from the table fails too, so no new screen ships without
its row.
"""

import json

import pytest
from django.contrib.messages import ERROR, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories.experts import png_upload
from tests.permissions.world import ROLES, build_world

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
ENTERPRISES = frozenset({"owner", "other_enterprise"})
EXPERTS = frozenset({"pending_expert", "expert"})
STAFF = frozenset({"clerk_here", "clerk_other", "director", "superuser"})
STAFF_HERE = frozenset({"clerk_here", "director", "superuser"})
DIRECTORS = frozenset({"director", "superuser"})
ADMIN_USERS = STAFF | {"editor"}
NOBODY = frozenset()
EXPERTS_ONLY_READERS = frozenset({"owner", "expert"}) | STAFF


def _png():
    return SimpleUploadedFile("照片.png", png_upload().read(), "image/png")


#: (url name, kwargs from the world, method, data, roles allowed)
MATRIX = [
    # Public site
    ("qa:problem_list", {}, "get", None, EVERYONE),
    ("qa:similar", {}, "get", {"q": "污水"}, EVERYONE),
    ("qa:tag", {"slug": "污水处理"}, "get", None, EVERYONE),
    ("qa:problem_detail", {"pk": "problem"}, "get", None, EVERYONE),
    ("qa:problem_detail", {"pk": "hidden"}, "get", None, EVERYONE),
    ("qa:attachment", {"pk": "attachment"}, "get", None, EVERYONE),
    ("search:search", {}, "get", {"q": "污水处理"}, EVERYONE),
    ("transparency", {}, "get", None, EVERYONE),
    ("servicedesk:organisation_list", {}, "get", None, EVERYONE),
    ("appointments:verify", {}, "get", None, EVERYONE),
    ("appointments:verify_number", {"number": "letter.number"}, "get", None, EVERYONE),
    ("experts:profile", {"pk": "expert"}, "get", None, EVERYONE),
    ("experts:register", {}, "get", None, EVERYONE),
    ("enterprise_register", {}, "get", None, EVERYONE),
    ("login", {}, "get", None, EVERYONE),
    ("logout", {}, "post", {}, EVERYONE),
    ("knowledge:sitemap", {}, "get", None, EVERYONE),
    ("knowledge:feed_technologies_rss", {}, "get", None, EVERYONE),
    ("knowledge:feed_technologies_atom", {}, "get", None, EVERYONE),
    ("knowledge:feed_policies_rss", {}, "get", None, EVERYONE),
    ("knowledge:feed_policies_atom", {}, "get", None, EVERYONE),
    ("knowledge:feed_news_rss", {}, "get", None, EVERYONE),
    ("knowledge:feed_news_atom", {}, "get", None, EVERYONE),
    # Restricted reading
    ("qa:problem_detail", {"pk": "experts_only"}, "get", None, EXPERTS_ONLY_READERS),
    ("qa:attachment", {"pk": "private_attachment"}, "get", None, EXPERTS_ONLY_READERS),
    ("experts:profile", {"pk": "pending"}, "get", None, NOBODY),
    (
        "experts:document",
        {"pk": "document"},
        "get",
        None,
        STAFF_HERE | {"pending_expert"},
    ),
    ("appointments:pdf", {"pk": "letter"}, "get", None, STAFF_HERE | {"expert"}),
    (
        "servicedesk:evidence_download",
        {"pk": "evidence"},
        "get",
        None,
        STAFF_HERE | {"owner", "expert"},
    ),
    # Account pages (each shows only the user's own records)
    ("qa_account:answers", {}, "get", None, EXPERTS),
    ("qa_account:inbox", {}, "get", None, SIGNED_IN),
    ("qa_account:inbox_read", {}, "post", {}, SIGNED_IN),
    ("qa_account:inbox_settings", {}, "get", None, SIGNED_IN),
    ("my_rewards", {}, "get", None, SIGNED_IN),
    ("appointments_account:letters", {}, "get", None, SIGNED_IN),
    ("experts:application", {}, "get", None, EXPERTS),
    ("experts:away", {}, "get", None, EXPERTS),
    ("experts:away_remove", {"pk": "away"}, "post", {}, {"expert"}),
    (
        "experts:invitation_decline",
        {"pk": "invitation"},
        "post",
        {"reason": "本月出差在外"},
        {"expert"},
    ),
    ("servicedesk:onsite_mine", {}, "get", None, SIGNED_IN),
    # Acting on problems and answers
    ("qa:problem_create", {}, "get", None, ENTERPRISES),
    ("qa:problem_edit", {"pk": "problem"}, "get", None, {"owner"}),
    (
        "qa:problem_status",
        {"pk": "open_problem"},
        "post",
        {"to_status": "closed", "note": "已自行解决"},
        STAFF_HERE | {"owner"},
    ),
    (
        "qa:answer_create",
        {"pk": "problem"},
        "post",
        {"text": "建议调整回流比。"},
        {"expert"},
    ),
    ("qa:conversation", {"pk": "problem"}, "get", None, {"owner", "expert"}),
    ("qa:attachment_upload", {"pk": "problem"}, "post", {"file": _png}, {"owner"}),
    (
        "qa:reply_create",
        {"answer_pk": "published"},
        "post",
        {"text": "请问温度控制在多少？"},
        {"owner", "expert"},
    ),
    ("qa:answer_accept", {"answer_pk": "published"}, "post", {}, {"owner"}),
    ("qa:answer_revise", {"answer_pk": "unscreened"}, "post", {"text": "修订"}, NOBODY),
    (
        "qa:answer_note",
        {"answer_pk": "published"},
        "post",
        {"note": "已电话回访"},
        STAFF_HERE,
    ),
    ("servicedesk:onsite_report", {"pk": "open_problem"}, "get", None, {"expert"}),
    (
        "servicedesk:onsite_answer",
        {"pk": "onsite"},
        "post",
        {"answer": "confirm"},
        {"owner"},
    ),
    (
        "knowledge:event_register",
        {"pk": "fair"},
        "post",
        {"contact_name": "王经理", "phone": "13800001111", "note": ""},
        ENTERPRISES | {"expert"},
    ),
    ("knowledge:event_cancel", {"pk": "fair"}, "post", {}, NOBODY),
    # Staff screens in the admin
    ("wagtailadmin_home", {}, "get", None, ADMIN_USERS),
    ("qa_screening:queue", {}, "get", None, STAFF),
    (
        "qa_screening:decide",
        {"pk": "unscreened"},
        "post",
        {"aUNSCREENED-decision": "approve", "aUNSCREENED-quality_score": "4"},
        STAFF_HERE,
    ),
    (
        "qa_screening:bulk",
        {},
        "post",
        {
            "bulk-selected": "unscreened",
            "bulk-decision": "approve",
            "bulk-quality_score": "4",
        },
        STAFF_HERE,
    ),
    ("qa_check:queue", {}, "get", None, STAFF),
    (
        "qa_check:decide",
        {"pk": "submitted"},
        "post",
        {"pSUBMITTED-decision": "open", "pSUBMITTED-note": ""},
        STAFF_HERE,
    ),
    ("qa_unanswered:queue", {}, "get", None, STAFF),
    (
        "qa_unanswered:invite",
        {"pk": "open_problem"},
        "post",
        {"experts": "expert"},
        STAFF_HERE,
    ),
    ("stations_reports:index", {}, "get", None, STAFF),
    ("stations_reports:detail", {"pk": "report"}, "get", None, STAFF_HERE),
    (
        "stations_reports:export",
        {"pk": "report", "fmt": "csv"},
        "get",
        None,
        STAFF_HERE,
    ),
    ("stations_excellent:index", {}, "get", None, DIRECTORS),
    (
        "stations_excellent:exclude",
        {},
        "post",
        {"expert": "expert", "reason": "年度内有投诉"},
        DIRECTORS,
    ),
    # The year's list opens for approval on 1 December (Art. 18).
    (
        "stations_excellent:approve",
        {},
        "post",
        {},
        DIRECTORS if timezone.localdate().month == 12 else NOBODY,
    ),
    ("experts_vetting:queue", {}, "get", None, STAFF),
    ("experts_vetting:detail", {"pk": "pending"}, "get", None, STAFF_HERE),
    (
        "experts_vetting:decide",
        {"pk": "pending"},
        "post",
        {"action": "approve"},
        STAFF_HERE,
    ),
    ("appointments_admin:awaiting", {}, "get", None, DIRECTORS),
    ("appointments_admin:issue", {"expert_pk": "second_expert"}, "post", {}, DIRECTORS),
    ("appointments_admin:letter", {"pk": "letter"}, "get", None, STAFF_HERE),
    ("appointments_admin:renew", {"pk": "letter"}, "post", {}, DIRECTORS),
    (
        "appointments_admin:revoke",
        {"pk": "letter"},
        "post",
        {"reason": "违反服务规定"},
        DIRECTORS,
    ),
    ("appointments_admin:assess", {}, "get", None, DIRECTORS),
    ("servicedesk_admin:visit_to_problem", {"pk": "visit"}, "get", None, STAFF_HERE),
    ("servicedesk_admin:referral_add", {}, "get", None, STAFF),
    (
        "servicedesk_admin:referral_move",
        {"pk": "referral"},
        "post",
        {"to_status": "accepted", "note": "已受理"},
        STAFF_HERE,
    ),
    (
        "servicedesk_admin:onsite_decide",
        {"pk": "onsite"},
        "post",
        {"decision": "verify"},
        STAFF_HERE,
    ),
    ("servicedesk_admin:fair_add", {}, "get", None, STAFF),
    (
        "servicedesk_admin:fair_decide",
        {"pk": "fair_solution"},
        "post",
        {"decision": "verify"},
        STAFF_HERE,
    ),
    ("servicedesk_admin:enterprise_overview", {"pk": "owner"}, "get", None, STAFF_HERE),
    ("wagtailsnippets_stations_rewardentry:list", {}, "get", None, DIRECTORS),
    (
        "wagtailsnippets_stations_rewardentry:inspect",
        {"pk": "entry"},
        "get",
        None,
        DIRECTORS,
    ),
    ("wagtailsnippets_stations_rewardrule:list", {}, "get", None, DIRECTORS),
    ("wagtailsnippets_stations_station:list", {}, "get", None, STAFF),
    ("wagtailsnippets_stations_station:edit", {"pk": "here"}, "get", None, DIRECTORS),
    (
        "wagtailsnippets_stations_station:inspect",
        {"pk": "here"},
        "get",
        None,
        STAFF_HERE,
    ),
    ("wagtailsnippets_stations_enterprise:list", {}, "get", None, STAFF),
    (
        "wagtailsnippets_stations_enterprise:edit",
        {"pk": "owner"},
        "get",
        None,
        {"superuser"},
    ),
    (
        "wagtailsnippets_stations_enterprise:inspect",
        {"pk": "owner"},
        "get",
        None,
        STAFF_HERE,
    ),
    (
        "wagtailsnippets_stations_enterprise:verify",
        {"pk": "owner"},
        "post",
        {},
        STAFF_HERE,
    ),
    (
        "wagtailsnippets_stations_enterprise:unverify",
        {"pk": "owner"},
        "post",
        {"reason": "营业执照过期"},
        STAFF_HERE,
    ),
    ("wagtailsnippets_servicedesk_visit:list", {}, "get", None, STAFF),
    (
        "wagtailsnippets_servicedesk_visit:edit",
        {"pk": "visit"},
        "get",
        None,
        STAFF_HERE,
    ),
    (
        "wagtailsnippets_servicedesk_visit:inspect",
        {"pk": "visit"},
        "get",
        None,
        STAFF_HERE,
    ),
    (
        "wagtailsnippets_servicedesk_visit:delete",
        {"pk": "visit"},
        "get",
        None,
        {"superuser"},
    ),
    ("wagtailsnippets_servicedesk_serviceorganisation:list", {}, "get", None, STAFF),
    ("wagtailsnippets_servicedesk_referral:list", {}, "get", None, STAFF),
    (
        "wagtailsnippets_servicedesk_referral:edit",
        {"pk": "referral"},
        "get",
        None,
        NOBODY,
    ),
    ("appointments_letter:index", {}, "get", None, STAFF),
    ("appointments_letter:index_results", {}, "get", None, STAFF),
    ("appointments_assessment:index", {}, "get", None, STAFF),
    ("appointments_assessment:index_results", {}, "get", None, STAFF),
    ("experts_declined:index", {}, "get", None, STAFF),
    ("experts_declined:index_results", {}, "get", None, STAFF),
    ("wagtailsnippets_stations_rewardentry:list_results", {}, "get", None, DIRECTORS),
    ("wagtailsnippets_stations_station:add", {}, "get", None, DIRECTORS),
    ("wagtailsnippets_servicedesk_visit:list_results", {}, "get", None, STAFF),
    ("wagtailsnippets_servicedesk_referral:list_results", {}, "get", None, STAFF),
    (
        "wagtailsnippets_servicedesk_referral:inspect",
        {"pk": "referral"},
        "get",
        None,
        STAFF_HERE,
    ),
    (
        "wagtailsnippets_servicedesk_referral:delete",
        {"pk": "referral"},
        "get",
        None,
        NOBODY,
    ),
    ("wagtailsnippets_servicedesk_onsiteservice:list", {}, "get", None, STAFF),
    ("wagtailsnippets_servicedesk_onsiteservice:list_results", {}, "get", None, STAFF),
    (
        "wagtailsnippets_servicedesk_onsiteservice:inspect",
        {"pk": "onsite"},
        "get",
        None,
        STAFF_HERE,
    ),
    (
        "wagtailsnippets_servicedesk_onsiteservice:edit",
        {"pk": "onsite"},
        "get",
        None,
        NOBODY,
    ),
    (
        "wagtailsnippets_servicedesk_onsiteservice:delete",
        {"pk": "onsite"},
        "get",
        None,
        NOBODY,
    ),
    ("wagtailsnippets_servicedesk_fairsolution:list", {}, "get", None, STAFF),
    ("wagtailsnippets_servicedesk_fairsolution:list_results", {}, "get", None, STAFF),
    (
        "wagtailsnippets_servicedesk_fairsolution:inspect",
        {"pk": "fair_solution"},
        "get",
        None,
        STAFF_HERE,
    ),
    (
        "wagtailsnippets_servicedesk_fairsolution:edit",
        {"pk": "fair_solution"},
        "get",
        None,
        NOBODY,
    ),
    (
        "wagtailsnippets_servicedesk_fairsolution:delete",
        {"pk": "fair_solution"},
        "get",
        None,
        NOBODY,
    ),
    # The API
    ("wagtailapi_v3:problem_list", {}, "get", None, EVERYONE),
    ("wagtailapi_v3:problem_detail", {"problem_id": "problem"}, "get", None, EVERYONE),
    (
        "wagtailapi_v3:problem_detail",
        {"problem_id": "experts_only"},
        "get",
        None,
        EXPERTS_ONLY_READERS,
    ),
    (
        "wagtailapi_v3:problem_create",
        {},
        "json",
        {
            "title": "烘干设备能耗高",
            "description": "玉米烘干塔能耗比同行高三成，如何降低？",
            "industry": "grain",
            "region": "changchun",
            "tags": ["烘干"],
        },
        ENTERPRISES,
    ),
    (
        "wagtailapi_v3:answer_create",
        {"problem_id": "problem"},
        "json",
        {"text": "建议加装余热回收。"},
        {"expert"},
    ),
    ("wagtailapi_v3:tag_list", {}, "get", None, EVERYONE),
    ("wagtailapi_v3:site_search", {}, "get", {"q": "污水"}, EVERYONE),
    ("wagtailapi_v3:stats_public", {}, "get", None, EVERYONE),
]

#: Our URLs that are not screens a role reaches on its own (checked elsewhere).
NOT_IN_MATRIX = {
    "wagtailapi_v3:api-root",
}
OUR_MODULES = (
    "qa.",
    "stations.",
    "knowledge.",
    "search.",
    "experts.",
    "appointments.",
    "servicedesk.",
    "ops.",
)
OUR_API_OPERATIONS = {
    "wagtailapi_v3:problem_list",
    "wagtailapi_v3:problem_create",
    "wagtailapi_v3:problem_detail",
    "wagtailapi_v3:answer_create",
    "wagtailapi_v3:tag_list",
    "wagtailapi_v3:site_search",
    "wagtailapi_v3:stats_public",
}


def _resolve(world, spec):
    """'problem' → world.problem.pk, 'letter.number' → world.letter.number."""
    if callable(spec):
        return spec()
    if not isinstance(spec, str):
        return spec
    head, _dot, attr = spec.partition(".")
    if not head.isidentifier() or not hasattr(world, head):
        return spec
    obj = getattr(world, head)
    return getattr(obj, attr) if attr else obj.pk


def _data(world, data):
    """Fill placeholders in POST data; UNSCREENED/SUBMITTED in keys become pks."""
    if data is None:
        return None
    filled = {}
    for key, value in data.items():
        key = key.replace("UNSCREENED", str(world.unscreened.pk))
        key = key.replace("SUBMITTED", str(world.submitted.pk))
        filled[key] = _resolve(world, value)
    return filled


def outcome(response) -> str:
    code = response.status_code
    if code >= 500 or code == 429:
        return f"error {code}"
    if code in (401, 403, 404, 405):
        return "refused"
    location = response.headers.get("Location", "")
    if code == 302 and ("login" in location or location.rstrip("/") == "/admin"):
        return "refused"
    request = getattr(response, "wsgi_request", None)
    if request is not None and any(m.level == ERROR for m in get_messages(request)):
        return "refused"
    return "allowed"


@pytest.fixture
def world(db, settings):
    settings.RATELIMIT_ENABLE = False
    return build_world()


def _request(client, world, role, name, kwargs, method, data):
    client.logout()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs={k: _resolve(world, v) for k, v in kwargs.items()})
    with transaction.atomic():
        if method == "json":
            response = client.post(
                url, json.dumps(data), content_type="application/json"
            )
        else:
            response = getattr(client, method)(url, _data(world, data) or {})
        transaction.set_rollback(True)
    return response


def test_every_role_gets_exactly_what_the_table_allows(world, client):
    client.raise_request_exception = False
    wrong = []
    for name, kwargs, method, data, allowed in MATRIX:
        for role in ROLES:
            response = _request(client, world, role, name, kwargs, method, data)
            got = outcome(response)
            expected = "allowed" if role in allowed else "refused"
            if got != expected:
                wrong.append(f"{name} {kwargs} {role}: {got} ({response.status_code})")
    assert not wrong, "\n".join(wrong)


def _our_url_names() -> set[str]:
    names = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = (
                        f"{namespace}:{pattern.namespace}"
                        if namespace
                        else pattern.namespace
                    )
                walk(pattern, inner)
                continue
            full = f"{namespace}:{pattern.name}" if namespace else pattern.name
            module = getattr(pattern.callback, "__module__", "")
            if module.startswith(OUR_MODULES) or full in OUR_API_OPERATIONS:
                names.add(full)

    walk(get_resolver(), "")
    return names


def test_every_url_of_ours_has_a_row():
    covered = {name for name, *_rest in MATRIX} | NOT_IN_MATRIX
    missing = sorted(_our_url_names() - covered)
    assert not missing, f"URLs without a row in the permissions matrix: {missing}"
