from django.urls import path

from servicedesk import views

app_name = "servicedesk"

urlpatterns = [
    path("service-organisations/", views.organisation_list, name="organisation_list"),
    path(
        "problems/<int:pk>/on-site/",
        views.onsite_report_view,
        name="onsite_report",
    ),
    path("accounts/on-site/", views.onsite_mine, name="onsite_mine"),
    path(
        "accounts/on-site/<int:pk>/answer/",
        views.onsite_answer_view,
        name="onsite_answer",
    ),
    path(
        "on-site/evidence/<int:pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
]
