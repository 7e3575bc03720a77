"""Settings shared by every environment; safe for production as they stand.

Everything deployment-specific comes from environment variables: a missing secret fails
loudly instead of falling back to a value committed here.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from search.opensearch import search_backends_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("XUNJIE_VAR_DIR", BASE_DIR / "var"))
# SQLite cannot create the directory of its database file: a fresh clone has no var/.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "stations",
    "appointments",
    "qa",
    "experts",
    "knowledge",
    "servicedesk",
    "search",
    "ops",
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_comments_xtd",
    "django_comments",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "config.caching.CachingConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ops.api_guard.ApiGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After session, CSRF and messages: a hit still gets its CSRF cookie.
    "config.caching.AnonymousPageCacheMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # last, as django-axes requires: it turns a lockout into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default; IMMEDIATE transactions and a busy timeout let several workers
# write without "database is locked" failing a request at once. Connections are kept
# for a minute on every engine: opening SQLite and running the WAL pragmas on each
# request cost a fifth of a plain page's time (bench/pages.py).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "stations.User"
_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + name}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "login"
# django-axes checks each sign-in (site and Wagtail admin) before the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names served by whitenoise with a one-year max-age.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
#: cache whole pages for anonymous visitors; seconds a page lives without changes
XUNJIE_PAGE_CACHE = env_bool("XUNJIE_PAGE_CACHE", default=True)
XUNJIE_PAGE_CACHE_SECONDS = int(os.environ.get("XUNJIE_PAGE_CACHE_SECONDS", "60"))

SITE_ID = 1

# Wagtail
WAGTAIL_SITE_NAME = "寻解 · 中小微企业网上技术专家服务站"
WAGTAILADMIN_BASE_URL = os.environ.get("XUNJIE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Whoosh + jieba on disk by default; OpenSearch/Elasticsearch when SEARCH_URL is set.
WAGTAILSEARCH_BACKENDS = search_backends_from_env(
    os.environ, default_path=VAR_DIR / "index"
)

# Q&A workflow (qa app).
#: screen experts' thread replies like answers (True) or answers only (False)
QA_SCREEN_REPLIES = env_bool("XUNJIE_QA_SCREEN_REPLIES", default=True)
#: days without a published answer before a problem is chased (Art. 8, 10)
QA_UNANSWERED_DAYS = int(os.environ.get("XUNJIE_QA_UNANSWERED_DAYS", "3"))
#: experts told about a new problem: the best matches only
QA_MATCHING_EXPERTS = int(os.environ.get("XUNJIE_QA_MATCHING_EXPERTS", "10"))
#: SMS: qa.sms.LogSmsBackend (log only) or qa.sms.HttpSmsBackend (gateway)
QA_SMS_BACKEND = os.environ.get("XUNJIE_SMS_BACKEND", "qa.sms.LogSmsBackend")
QA_SMS_GATEWAY_URL = os.environ.get("XUNJIE_SMS_GATEWAY_URL", "")
QA_SMS_GATEWAY_TOKEN = os.environ.get("XUNJIE_SMS_GATEWAY_TOKEN", "")
#: problem attachments live here, outside MEDIA_ROOT, sent only after a check
QA_PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
QA_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

# Answers are threaded comments on problems (django-comments-xtd), configured here only.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "qa.models.Answer"
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_THREADED_EMAILS = False
#: answer (level 0) → follow-up → clarification → follow-up
COMMENTS_XTD_MAX_THREAD_LEVEL_BY_APP_MODEL = {"qa.problem": 3}
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "qa.problem": {
        "who_can_post": "users",
        "allow_flagging": False,
        "allow_feedback": False,
        "show_feedback": False,
    }
}

# Mail: Django's framework, SMTP details from the environment.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "xunjie@example.org")


# Statistics and rewards (stations): see README, "Statistics, rewards and transparency".
#: Weekdays (Monday = 0) on which the twice-weekly report period turns (Art. 12).
XUNJIE_REPORT_WEEKDAYS = (0, 3)
#: How many excellent experts the director approves each year (Art. 18).
XUNJIE_EXCELLENT_COUNT = 20
#: Weights of the year-end excellent-expert score (Art. 18).
XUNJIE_EXCELLENT_WEIGHTS = {
    "approved_answers": 1.0,
    "average_quality": 2.0,
    "solved_online": 3.0,
    "solved_on_site": 10.0,
    "solved_fair": 6.0,
    "average_satisfaction": 1.0,
}

# Appointment letters (appointments): see README, "Appointment letters and assessments".
#: Term of an appointment letter in whole years (notice §4.3).
XUNJIE_APPOINTMENT_TERM_YEARS = int(
    os.environ.get("XUNJIE_APPOINTMENT_TERM_YEARS", "3")
)
#: Prefix of the letter numbers, e.g. 吉专服聘〔2026〕第0007号.
XUNJIE_APPOINTMENT_LETTER_PREFIX = "吉专服聘"


# Abuse limits (ops app): see README, "Security and data safety".
#: header in which the reverse proxy passes the visitor's address, e.g.
#: HTTP_X_REAL_IP; empty when the site is reached directly (REMOTE_ADDR)
XUNJIE_CLIENT_IP_HEADER = os.environ.get("XUNJIE_CLIENT_IP_HEADER", "")
#: five wrong passwords for one username from one address lock it for 15 min
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "ops.client_ip.client_ip"
#: POSTs allowed per user (or per address for visitors), django-ratelimit syntax
XUNJIE_RATELIMITS = {
    "register": os.environ.get("XUNJIE_RATELIMIT_REGISTER", "10/h"),
    "login": os.environ.get("XUNJIE_RATELIMIT_LOGIN", "30/10m"),
    "problem": os.environ.get("XUNJIE_RATELIMIT_PROBLEM", "20/h"),
    "answer": os.environ.get("XUNJIE_RATELIMIT_ANSWER", "60/h"),
}
RATELIMIT_VIEW = "ops.views.ratelimited"
RATELIMIT_IP_META_KEY = "ops.client_ip.client_ip"
# Counters must be shared by all gunicorn workers: a database table (made by
# `migrate`) with an atomic increment; nothing else to run.
RATELIMIT_USE_CACHE = "ratelimit"
# A counter that can't be read or written (the database busy under load) lets
# the request through: refusing honest users for our own hiccup is worse, and
# repeated failed logins are still locked out by axes.
RATELIMIT_FAIL_OPEN = True
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "ops.cache.AtomicDatabaseCache",
        "LOCATION": "xunjie_ratelimit_cache",
    },
}
# Anonymous whole pages (config/caching.py) on disk, shared by every worker process.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": VAR_DIR / "cache" / "pages",
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # django-tasks logs every immediate task at INFO; its failures still show.
    "loggers": {"jieba": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}
