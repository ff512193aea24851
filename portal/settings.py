"""Django settings of the portal, read from the environment.

Every value has a safe default for this machine (DEBUG off, PostgreSQL
on the local socket, SMTP on localhost:25).  The variables are listed
in ``portal/README.md``.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from portal import secretkey

__all__ = []  # a settings module: Django reads its upper-case names


def _env(name, default=""):
    return os.environ.get(f"APDC_PORTAL_{name}", default)


def _flag(name, default="0"):
    return _env(name, default).strip().lower() in ("1", "true", "yes", "on")


def _list(name, default=""):
    return [item.strip() for item in _env(name, default).split(",")
            if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
STATE_DIR = secretkey.state_dir()

SECRET_KEY = secretkey.read_or_create(
    _env("SECRET_KEY_FILE", str(STATE_DIR / "secret_key")))
DEBUG = _flag("DEBUG")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *_list("ALLOWED_HOSTS")]

# The public origin is nginx (APDC_SERVER_URL); forms posted through it
# carry that Origin, which Django compares with these.
# 127.0.0.1 and localhost name the same origin here; both are trusted.
_SERVER = urlsplit(os.environ.get("APDC_SERVER_URL",
                                  "http://127.0.0.1:8080"))
_PORT = f":{_SERVER.port}" if _SERVER.port else ""
CSRF_TRUSTED_ORIGINS = sorted({
    f"{_SERVER.scheme}://{_SERVER.hostname}{_PORT}",
    *(f"{_SERVER.scheme}://{host}{_PORT}" for host in ("127.0.0.1",
                                                       "localhost")
      if _SERVER.hostname in ("127.0.0.1", "localhost")),
    *_list("CSRF_TRUSTED_ORIGINS")})

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "portal.accounts",
    "portal.groups",
    "portal.access",
    "portal.shop",
    "portal.education",
    "portal.alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, as axes asks: it turns a lock-out into its response
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": _env("DB_NAME", "apdc_portal"),
    "USER": _env("DB_USER", "postgres"),
    "PASSWORD": _env("DB_PASSWORD"),
    "HOST": _env("DB_HOST"),          # empty: the local socket
    "PORT": _env("DB_PORT", "5432"),
    "CONN_MAX_AGE": 60,
}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 needs argon2-cffi; PBKDF2 is Django's default and always there.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth."
                             f"password_validation.{name}"}
                            for name in ("UserAttributeSimilarityValidator",
                                         "MinimumLengthValidator",
                                         "CommonPasswordValidator",
                                         "NumericPasswordValidator")]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/accounts/"
LOGOUT_REDIRECT_URL = "/"

# Login rate limit: five failures lock the account and, separately, the
# client address for 15 minutes.  Behind nginx the address is taken
# from X-Forwarded-For, and only when the request came from a trusted
# proxy (portal.accounts.clientip).
AXES_FAILURE_LIMIT = int(_env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(_env("LOGIN_COOLOFF_MINUTES",
                                               "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True   # no log of who logged in from where
AXES_CLIENT_IP_CALLABLE = "portal.accounts.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout.lockout_response"
TRUSTED_PROXIES = _list("TRUSTED_PROXIES", "127.0.0.1,::1")

SESSION_COOKIE_NAME = "apdc_session"
CSRF_COOKIE_NAME = "apdc_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 14 * 24 * 3600

# Behind nginx: the Host it forwards names the public origin, and
# X-Forwarded-Proto says https once a certificate is configured.  Safe
# because gunicorn listens on loopback only, so every request has come
# through nginx, which sets both headers itself.
USE_X_FORWARDED_HOST = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_HTTPS = _flag("HTTPS")
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_HSTS_SECONDS = 3600 if _HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = _env("SMTP_HOST", "localhost")
EMAIL_PORT = int(_env("SMTP_PORT", "25"))
EMAIL_HOST_USER = _env("SMTP_USER")
EMAIL_HOST_PASSWORD = _env("SMTP_PASSWORD")
EMAIL_USE_TLS = _flag("SMTP_STARTTLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = _env("FROM_EMAIL",
                          "Astroparticle data centre <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/portal-static/"
STATIC_ROOT = Path(_env("STATIC_ROOT", str(STATE_DIR / "static")))

#: The realm of the Basic challenge of /auth/check (and of DaCHS).
PORTAL_REALM = "Astroparticle data centre"
#: Seconds a successful Basic password check is remembered per worker.
PORTAL_BASIC_CACHE_SECONDS = int(_env("BASIC_CACHE_SECONDS", "60"))
#: How long an e-mail verification link stays valid.
PORTAL_VERIFY_MAX_AGE = int(_env("VERIFY_MAX_AGE", str(3 * 24 * 3600)))
#: Links of the root page into DaCHS (the same origin, through nginx).
PORTAL_DACHS_LINKS = {
    "tap": "/tap",
    "registry": "/oai.xml",
    # DaCHS's own root page (every service), which nginx serves here
    "services": "/services",
    "tables": "/__system__/dc_tables/list/form",
    "examples": "/tap/examples",
    "help": "/static/help.shtml",
    "shop": "/shop/",
    "skymap": "/portal-static/skymap.png",
}

# The data shop (portal/shop, portal/README.md "The data shop").
def _shop(name, default=""):
    return os.environ.get(f"APDC_SHOP_{name}", default)


#: The data centre's database (DaCHS's "gavo"), read by counts and exports.
SHOP_DATA_DSN = _shop("DATA_DSN", "dbname=gavo user=gavoadmin")
#: The export store (one folder behind portal.shop.store) and a worker's
#: own scratch folder (never shared between hosts).
SHOP_STORE = Path(_shop("STORE", "/var/lib/apdc/shop-store"))
SHOP_SCRATCH = Path(_shop("SCRATCH", "/var/tmp/apdc-shop-scratch"))
SHOP_PRESELECTED = Path(_shop("PRESELECTED",
                              "/var/lib/apdc/shop-preselected"))
SHOP_MAX_CONCURRENT = int(_shop("MAX_CONCURRENT", "3"))
SHOP_MAX_STORAGE_BYTES = int(_shop("MAX_STORAGE_BYTES", str(20 * 2**30)))
SHOP_EXPIRY_DAYS = int(_shop("EXPIRY_DAYS", "14"))
SHOP_PURGE_GRACE_DAYS = int(_shop("PURGE_GRACE_DAYS", "14"))
SHOP_MAX_ATTEMPTS = int(_shop("MAX_ATTEMPTS", "3"))
SHOP_CHUNK_ROWS = int(_shop("CHUNK_ROWS", "200000"))
#: Seconds a worker sleeps after each chunk: only for the failure tests,
#: which need an export that is still running when they kill its worker.
SHOP_TEST_CHUNK_DELAY = float(_shop("TEST_CHUNK_DELAY", "0"))
SHOP_QUEUE = _shop("QUEUE", "apdc-shop")
#: The public origin, for links in the shop's e-mails.
SHOP_PUBLIC_URL = os.environ.get("APDC_SERVER_URL",
                                 "http://127.0.0.1:8080").rstrip("/")
SHOP_CITATION = _shop("CITATION", "Please cite the data centre and the "
                      "experiment's data release as given in Info.txt.")

#: The data centre's database, read by the analysed alerts' pages
#: (portal/alerts: icecube_alerts.analyses, .searches, .counterparts).
ALERTS_DATA_DSN = os.environ.get("APDC_ALERTS_DATA_DSN", SHOP_DATA_DSN)

#: The tutorials as built by "apdc tutorials" (rendered notebooks,
#: classroom files); the records and notebooks are in tutorials/.
EDUCATION_BUILD = Path(os.environ.get("APDC_EDUCATION_BUILD",
                                      "/var/lib/apdc/tutorials"))

# Celery (portal/celery.py reads the CELERY_ names).  PostgreSQL holds
# every request's state; RabbitMQ only carries the work.  Why each
# setting: portal/README.md.
CELERY_BROKER_URL = _shop("BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = SHOP_QUEUE
CELERY_TASK_DEFAULT_DELIVERY_MODE = "persistent"
CELERY_TASK_CREATE_MISSING_QUEUES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# RabbitMQ closes a channel whose message stays unacknowledged for 30
# minutes (consumer_timeout); every export must end well before that.
CELERY_TASK_SOFT_TIME_LIMIT = int(_shop("SOFT_TIME_LIMIT", "1500"))
CELERY_TASK_TIME_LIMIT = int(_shop("TIME_LIMIT", "1620"))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"confirm_publish": True}
# A web request that queues a job must not hang on a stopped broker: the
# row stays QUEUED in PostgreSQL and the dispatcher sends it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0,
                                    "interval_step": 0.5, "interval_max": 1}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# An export running when the broker connection drops goes on; its message
# goes back to the queue, and whichever attempt holds the claim in
# PostgreSQL keeps its package (portal/shop/runner.py).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", "WARNING")},
}
