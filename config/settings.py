"""One settings module; every deployment value comes from the environment.

Defaults are safe for development: SQLite in the project folder, Celery running tasks
eagerly when no REDIS_URL is given, emails printed to the console. With DEBUG off the
site refuses to start without SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import plotly
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for development).")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - DEBUG only
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
    "csp",
    "partnership",
    "accounts",
    "indicators",
    "targets",
    "risks",
    "reporting",
    "public",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content Security Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Renews a signed-in session every few minutes of use, so that it ends when idle.
    "accounts.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # The site's own 404 and 403 pages for what a view raises, under DEBUG too.
    "config.middleware.SitePagesMiddleware",
    # Refuses sign-in while an account or address is locked out (must come last).
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
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnership.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", default="60")),
        conn_health_checks=True,
    )
}
# Services commit their own transactions (STYLE.md: explicit transactions in services).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Counts failed sign-ins and refuses a locked-out account or address, then Django's own.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# plotly.js is served from the installed plotly package, never from a CDN.
STATICFILES_DIRS = [BASE_DIR / "static", ("plotly", Path(plotly.__file__).parent / "package_data")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# Email: console by default; EMAIL_BACKEND/EMAIL_FILE_PATH let a run write emails to files.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-emails"))
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", default="25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="performance@anycity.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no REDIS_URL tasks run eagerly in the web process, so the demo needs no broker.
REDIS_URL = env_str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# The cache (API throttling counts) is shared by every web process through Redis when
# there is one; the demo keeps it in memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Tokens a person makes on /account/tokens/, stored hashed. First, so that a
        # refused token is answered 401 with "WWW-Authenticate: Token".
        "accounts.tokens.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["accounts.tokens.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env_str("API_TOKEN_RATE", default="600/hour")},
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: people read the API through its documentation (/api/docs/); the browsable
    # API's pages style themselves inline, which the Content Security Policy refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "reporting.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Partnership Performance API",
    "DESCRIPTION": "Outcomes, indicators, values, targets, returns and risks of the partnership.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Documents the 400, 401, 403, 404 and 429 answers too (tests/fuzz/test_api_schema.py).
    "POSTPROCESSING_HOOKS": ["reporting.api.schema.add_error_responses"],
}

# The site's own address, for links in emails.
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# A pack with more targets than this is built by a Celery job while the page shows progress.
PACK_SYNC_MAX_TARGETS = int(env_str("PACK_SYNC_MAX_TARGETS", default="60"))

# Partnership-wide defaults for the rules; an administrator can change them per deployment.
PARTNERSHIP_NAME = env_str("PARTNERSHIP_NAME", default="Anycity Partnership")
RAG_TOLERANCE_PCT = env_str("RAG_TOLERANCE_PCT", default="5")
RISK_THRESHOLD_TO_OUTCOME = int(env_str("RISK_THRESHOLD_TO_OUTCOME", default="12"))
RISK_THRESHOLD_TO_BOARD = int(env_str("RISK_THRESHOLD_TO_BOARD", default="15"))
RISK_THRESHOLD_TO_PSB = int(env_str("RISK_THRESHOLD_TO_PSB", default="20"))
# Days from a risk's review to its next one, by the level that holds it: the higher the
# level, the more often it is looked at.
RISK_REVIEW_INTERVAL_DAYS = {
    "target": int(env_str("RISK_REVIEW_DAYS_TARGET", default="91")),
    "outcome": int(env_str("RISK_REVIEW_DAYS_OUTCOME", default="91")),
    "block": int(env_str("RISK_REVIEW_DAYS_BLOCK", default="61")),
    "partnership": int(env_str("RISK_REVIEW_DAYS_PARTNERSHIP", default="30")),
}

# Sign-in protection (django-axes): after this many failures for one username, or from
# one address, signing in waits; a success clears the count; administrators can unlock.
SIGN_IN_FAILURE_LIMIT = int(env_str("SIGN_IN_FAILURE_LIMIT", default="10"))
SIGN_IN_LOCKOUT_MINUTES = int(env_str("SIGN_IN_LOCKOUT_MINUTES", default="30"))
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=SIGN_IN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.signin.client_ip"
AXES_USERNAME_CALLABLE = "accounts.signin.attempted_username"
AXES_VERBOSE = False
# How many proxies (e.g. nginx) stand in front of the site and add X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", default="0"))

# A signed-in session ends after this long without use (accounts.middleware renews it).
SESSION_COOKIE_AGE = int(env_str("SESSION_IDLE_HOURS", default="8")) * 60 * 60
# Password reset links last a day.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# The Content Security Policy: only the site's own scripts, styles, images and fonts (no
# inline script or style, nothing from elsewhere), never framed. CSP_REPORT_ONLY=1 sends
# it as Content-Security-Policy-Report-Only, to try a change on a live site first.
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
if env_bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    # HTTPS only, on by default: set each to false only behind a proxy that does it.
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", default=str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Only says the site may be put on the browsers' preload list; nothing is submitted.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts are WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Value imports (/data/import/ and `manage.py import_values`): a larger file, or one with
# more rows, is refused before it is read; split it. 100,000 values import in seconds.
VALUE_IMPORT_MAX_BYTES = int(env_str("VALUE_IMPORT_MAX_BYTES", default=str(20 * 1024 * 1024)))
VALUE_IMPORT_MAX_ROWS = int(env_str("VALUE_IMPORT_MAX_ROWS", default="150000"))
VALUE_IMPORT_BATCH_SIZE = int(env_str("VALUE_IMPORT_BATCH_SIZE", default="2000"))
