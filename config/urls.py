import os

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView as AdminLoginView
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api
from ops.ratelimits import limited
from stations import stats_views

urlpatterns = [
    # Wagtail's login form behind the site login's per-address limit (one
    # counter for both forms); listed first, so it answers instead of the
    # admin's own route.
    path(
        "admin/login/",
        limited("login")(AdminLoginView.as_view()),
        name="wagtailadmin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v3/", api.urls),
    path("accounts/", include("stations.urls")),
    path("accounts/", include("qa.account_urls")),
    path("accounts/", include("appointments.account_urls")),
    path("letters/", include("appointments.urls")),
    path("problems/", include("qa.urls")),
    path("experts/", include("experts.urls")),
    path("search/", include("search.urls")),
    path("", include("servicedesk.urls")),
    path("transparency/", stats_views.transparency, name="transparency"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("knowledge.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if os.environ.get("XUNJIE_BENCH") == "1":
    # bench/pages.py measures the framework's ceiling; never routed otherwise.
    from config import bench

    urlpatterns.insert(0, path("bench/trivial/", bench.trivial))

urlpatterns.append(path("", include(wagtail_urls)))
