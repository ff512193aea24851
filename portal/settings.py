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
    "services": "/__system__/services/overview/form",
    "tables": "/__system__/dc_tables/list/form",
    "examples": "/tap/examples",
    "help": "/static/help.shtml",
    "shop": "/shop/",
    "skymap": "/portal-static/skymap.png",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", "WARNING")},
}
