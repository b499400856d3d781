"""Django settings for duban.

Everything a deployment changes comes from the environment:

- ``DATABASE_URL``: default is a SQLite file in the data folder (WAL mode);
  ``postgres://user:pass@host/db`` for several users or big data.
- ``DUBAN_HOME``: the data folder (database, evidence files, secret key);
  default ``$XDG_DATA_HOME/duban`` or ``~/.local/share/duban``.
- ``DUBAN_SECRET_KEY``, ``DUBAN_DEBUG``, ``DUBAN_ALLOWED_HOSTS`` (comma-separated),
  ``DUBAN_SECURE`` (1 behind HTTPS: secure cookies, HSTS, SSL redirect).

The README's configuration table lists every variable (tests/test_settings_contract.py
holds the two to each other). Importing this module writes nothing: the data folder is
made by the commands that use it (``duban.home.prepare``) and the secret key file on the
first use of the key.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.utils.functional import lazy

from duban.home import data_home, secret_key

BASE_DIR = Path(__file__).resolve().parent


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


def _env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DATA_HOME = data_home()
# Read (or made, beside the database) on first use, so that importing the settings writes nothing.
SECRET_KEY = lazy(lambda: secret_key(DATA_HOME), str)()
DEBUG = _env_flag("DUBAN_DEBUG")
ALLOWED_HOSTS = _env_list("DUBAN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("DUBAN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI from its own static files, not a CDN (offline intranets)
    "duban.ledger",
    "duban.areas",
    "duban.web",
    "duban.api",
    "duban.reports",
    "duban.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "duban.api.middleware.JsonErrors",  # outermost of what can fail: every /api/ error is JSON
    "django.contrib.sessions.middleware.SessionMiddleware",
    "duban.web.middleware.LocaleMiddleware",  # Chinese unless the user picks another language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "duban.urls"
WSGI_APPLICATION = "duban.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        db = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_HOME / "duban.sqlite3")}
    if db["ENGINE"].endswith("sqlite3"):
        # WAL lets readers work while one writer writes; IMMEDIATE avoids
        # "database is locked" upgrades from read to write inside a transaction.
        # mmap reads pages from the OS cache without a system call each (a connection's own
        # page cache is lost at the end of every request): searches and counts over a big
        # ledger touch tens of thousands of pages.
        db.setdefault("OPTIONS", {}).update({
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
                            "PRAGMA mmap_size=268435456;",
            "transaction_mode": "IMMEDIATE",
        })
    db.setdefault("TEST", {})
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "ledger.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["duban.ledger.throttle.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DUBAN_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_HOME / "static"  # made by duban.home.prepare: whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic (demo, tests)
WHITENOISE_AUTOREFRESH = DEBUG

# Evidence files live outside any web root and are served only through a
# permission-checking view (no MEDIA_URL on purpose).
MEDIA_ROOT = DATA_HOME / "evidence"
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SECURE = _env_flag("DUBAN_SECURE")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600  # one working day
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get("DUBAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DUBAN_FROM_EMAIL", "duban@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "duban": {"handlers": ["console"], "level": os.environ.get("DUBAN_LOG_LEVEL", "INFO")},
        # Server errors with their tracebacks on stderr (Django prints them only with DEBUG on).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- duban's own settings -------------------------------------------------
# The clock (duban.clock) starts at this ISO date or date-time and runs on from there;
# empty means the real time. For tests, demos and training sessions.
DUBAN_CLOCK = os.environ.get("DUBAN_CLOCK", "")
# Lights: yellow within this many days of the deadline, red when overdue.
DUBAN_YELLOW_DAYS = int(os.environ.get("DUBAN_YELLOW_DAYS", 3))
# Escalation: an item red for more than this many days climbs one level.
DUBAN_ESCALATE_DAYS = int(os.environ.get("DUBAN_ESCALATE_DAYS", 7))
# Deadlines the report does not state: default days, and 1 day for "事不过夜"-style urgency.
DUBAN_DEFAULT_DEADLINE_DAYS = int(os.environ.get("DUBAN_DEFAULT_DEADLINE_DAYS", 30))
DUBAN_URGENT_DEADLINE_DAYS = int(os.environ.get("DUBAN_URGENT_DEADLINE_DAYS", 1))
# "汛期前" in a report: the flood season starts on this month-day (regions differ: 04-01 in the south).
DUBAN_FLOOD_SEASON_START = os.environ.get("DUBAN_FLOOD_SEASON_START", "06-01")
# The web page's Excel export stops at this many rows (~25 s of work at 100k): a request
# longer than that outlives proxies' and gunicorn's timeouts. `duban export` has no limit.
DUBAN_WEB_EXPORT_LIMIT = int(os.environ.get("DUBAN_WEB_EXPORT_LIMIT", 100_000))
# Evidence uploads.
DUBAN_EVIDENCE_MAX_BYTES = int(os.environ.get("DUBAN_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))
DUBAN_EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".txt": "text/plain",
}
# URL import: limits for fetching pages.
DUBAN_FETCH_TIMEOUT = float(os.environ.get("DUBAN_FETCH_TIMEOUT", 15))
DUBAN_FETCH_MAX_BYTES = int(os.environ.get("DUBAN_FETCH_MAX_BYTES", 10 * 1024 * 1024))
DUBAN_ALLOW_PRIVATE_URLS = _env_flag("DUBAN_ALLOW_PRIVATE_URLS")
# Reminders: webhook (企业微信/钉钉-style JSON POST); empty disables.
# The office that issues the 督查通报 (版头, 落款, 印发, file author), its 文号 pattern and 抄送 line.
DUBAN_OFFICE_NAME = os.environ.get("DUBAN_OFFICE_NAME", "区委区政府督查室")
DUBAN_BULLETIN_NUMBER = os.environ.get("DUBAN_BULLETIN_NUMBER", "督查通报〔{year}〕{number}号")
# Each item's 督办编号, given at 交办 from a counter per year that never goes back.
DUBAN_ITEM_NUMBER_PATTERN = os.environ.get("DUBAN_ITEM_NUMBER_PATTERN", "督〔{year}〕{number}号")
DUBAN_BULLETIN_CC = os.environ.get("DUBAN_BULLETIN_CC", "区委、区人大、区政府、区政协领导")
# The 联系人 on a 督办通知单 ("name phone"), and the phone on a 交办单 whose officer has none.
DUBAN_OFFICE_CONTACT = os.environ.get("DUBAN_OFFICE_CONTACT", "")
DUBAN_REMINDER_WEBHOOK = os.environ.get("DUBAN_REMINDER_WEBHOOK", "")
# 再次交办: a new directive this similar to an item closed within this many days is a repeat.
DUBAN_RECURRENCE_DAYS = int(os.environ.get("DUBAN_RECURRENCE_DAYS", 180))
DUBAN_RECURRENCE_THRESHOLD = float(os.environ.get("DUBAN_RECURRENCE_THRESHOLD", 0.42))
# The dashboard's counts are cached this long (0: off); any ledger change shows at once anyway.
DUBAN_DASHBOARD_CACHE_SECONDS = int(os.environ.get("DUBAN_DASHBOARD_CACHE_SECONDS", 60))
# Login throttling: failures per username+IP within the window before refusing.
DUBAN_LOGIN_MAX_FAILURES = int(os.environ.get("DUBAN_LOGIN_MAX_FAILURES", 5))
DUBAN_LOGIN_WINDOW_SECONDS = int(os.environ.get("DUBAN_LOGIN_WINDOW_SECONDS", 900))

# --- notifications, scheduled work (issue 16) -------------------------------
INSTALLED_APPS += ["duban.notify", "duban.schedule", "duban.board"]
# The address people open duban at, for links in notices (https://duban.example.gov.cn).
DUBAN_BASE_URL = os.environ.get("DUBAN_BASE_URL", "").rstrip("/")
# Notices: seconds a channel may take to answer; tries before a notice is marked failed
# (retries wait 1, 2, 4 … minutes, at most 6 hours).
DUBAN_NOTIFY_TIMEOUT = float(os.environ.get("DUBAN_NOTIFY_TIMEOUT", 10))
DUBAN_NOTIFY_MAX_ATTEMPTS = int(os.environ.get("DUBAN_NOTIFY_MAX_ATTEMPTS", 10))
# SMS through 阿里云短信 (duban.notify.channels.sms); empty key disables the channel's sending.
DUBAN_SMS_ALIYUN_ACCESS_KEY_ID = os.environ.get("DUBAN_SMS_ALIYUN_ACCESS_KEY_ID", "")
DUBAN_SMS_ALIYUN_ACCESS_KEY_SECRET = os.environ.get("DUBAN_SMS_ALIYUN_ACCESS_KEY_SECRET", "")
DUBAN_SMS_ALIYUN_SIGN_NAME = os.environ.get("DUBAN_SMS_ALIYUN_SIGN_NAME", "")
DUBAN_SMS_ALIYUN_TEMPLATE_CODE = os.environ.get("DUBAN_SMS_ALIYUN_TEMPLATE_CODE", "")
DUBAN_SMS_ALIYUN_ENDPOINT = os.environ.get("DUBAN_SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
# The worker (duban worker, or inside duban serve) sends reminders and escalations daily at
# this local time (or as soon after as it runs); DUBAN_SERVE_WORKER=0 keeps serve web-only.
DUBAN_REMIND_AT = os.environ.get("DUBAN_REMIND_AT", "08:30")
DUBAN_SERVE_WORKER = _env_flag("DUBAN_SERVE_WORKER", default=True)
# 政务公开 board (/public/): off unless switched on; its title, the requests one address may
# make per period (django-ratelimit's "N/s|m|h"), how long pages may be cached, and which
# sites may frame the embeddable snippet (a CSP frame-ancestors list).
DUBAN_PUBLIC_BOARD = _env_flag("DUBAN_PUBLIC_BOARD")
DUBAN_PUBLIC_BOARD_TITLE = os.environ.get("DUBAN_PUBLIC_BOARD_TITLE", "重点工作推进情况公开")
DUBAN_PUBLIC_BOARD_RATE = os.environ.get("DUBAN_PUBLIC_BOARD_RATE", "120/m")
DUBAN_PUBLIC_BOARD_CACHE_SECONDS = int(os.environ.get("DUBAN_PUBLIC_BOARD_CACHE_SECONDS", 300))
DUBAN_PUBLIC_BOARD_EMBED_ORIGINS = os.environ.get("DUBAN_PUBLIC_BOARD_EMBED_ORIGINS", "*")
# Single sign-on (duban.sso; the libraries come with the "sso" extra). Directory groups map
# to roles and units through DUBAN_SSO_GROUPS (JSON, see duban/sso/mapping.py); local
# accounts keep working beside them.
INSTALLED_APPS += ["duban.sso"]
MIDDLEWARE += ["duban.sso.middleware.UnmappedUserMiddleware"]
DUBAN_SSO_GROUPS = os.environ.get("DUBAN_SSO_GROUPS", "{}")
DUBAN_LDAP_URI = os.environ.get("DUBAN_LDAP_URI", "")
if DUBAN_LDAP_URI:  # LDAP / Active Directory: DUBAN_LDAP_* (docs/ops.md)
    from duban.sso.ldap_config import settings_from as _ldap_settings

    globals().update(_ldap_settings(os.environ))
    AUTHENTICATION_BACKENDS += ["duban.sso.ldap_backend.DubanLDAPBackend"]
# CAS (django-cas-ng): the CAS server's address, e.g. https://cas.example.gov.cn/cas
DUBAN_CAS_URL = os.environ.get("DUBAN_CAS_URL", "").rstrip("/")
DUBAN_CAS_VERSION = os.environ.get("DUBAN_CAS_VERSION", "3")
DUBAN_CAS_GROUPS_ATTRIBUTE = os.environ.get("DUBAN_CAS_GROUPS_ATTRIBUTE", "memberOf")
DUBAN_CAS_LABEL = os.environ.get("DUBAN_CAS_LABEL", "统一身份认证（CAS）")
if importlib.util.find_spec("django_cas_ng"):
    # Its tables (CAS sessions, for single sign-out) exist wherever the library is installed,
    # so switching CAS on needs no other migration.
    INSTALLED_APPS += ["django_cas_ng"]
if DUBAN_CAS_URL:
    CAS_SERVER_URL = DUBAN_CAS_URL + "/"
    CAS_VERSION = DUBAN_CAS_VERSION
    CAS_LOGIN_URL_NAME, CAS_LOGOUT_URL_NAME = "sso:cas-login", "sso:cas-logout"
    CAS_REDIRECT_URL = "/"
    AUTHENTICATION_BACKENDS += ["duban.sso.cas_backend.DubanCASBackend"]
# OpenID Connect (mozilla-django-oidc): on when DUBAN_OIDC_CLIENT_ID is set; the provider's
# endpoints as its /.well-known/openid-configuration lists them; groups from a claim.
DUBAN_OIDC_CLIENT_ID = os.environ.get("DUBAN_OIDC_CLIENT_ID", "")
DUBAN_OIDC_GROUPS_CLAIM = os.environ.get("DUBAN_OIDC_GROUPS_CLAIM", "groups")
DUBAN_OIDC_LABEL = os.environ.get("DUBAN_OIDC_LABEL", "统一身份认证（OIDC）")
if DUBAN_OIDC_CLIENT_ID:
    OIDC_RP_CLIENT_ID = DUBAN_OIDC_CLIENT_ID
    OIDC_RP_CLIENT_SECRET = os.environ.get("DUBAN_OIDC_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("DUBAN_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("DUBAN_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("DUBAN_OIDC_USERINFO_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("DUBAN_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("DUBAN_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("DUBAN_OIDC_SCOPES", "openid profile email")
    OIDC_USE_PKCE = True
    OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc-callback"
    LOGIN_REDIRECT_URL_FAILURE = "/login/"
    AUTHENTICATION_BACKENDS += ["duban.sso.oidc_backend.DubanOIDCBackend"]
# Proxies (nginx) whose X-Forwarded-For is believed: the client's address for login throttling
# and the public board's rate limit is then the last address it appended. Comma-separated.
DUBAN_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("DUBAN_TRUSTED_PROXIES", "").split(",") if p.strip()]
