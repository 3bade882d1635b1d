"""Settings for capuy, read from environment variables with safe defaults.

- ``CAPUY_DEBUG=1`` turns on debug mode (``make run`` sets it); it is off otherwise.
- ``SECRET_KEY``: when unset, a key is generated once and kept in ``var/secret_key``.
- ``DATABASE_URL``: defaults to the embedded SQLite database ``var/capuy.sqlite3``;
  ``postgres://user@host:5432/name`` selects PostgreSQL.
- ``ALLOWED_HOSTS``: comma-separated; defaults to the loopback names.
- ``REDIS_URL``: optional; when set, it backs the cache and cross-process live events.
- ``EMAIL_URL``-style settings: ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
  ``EMAIL_USE_TLS``; without ``EMAIL_HOST`` mail is printed to the console.
- ``CAPUY_QUEUE_WORKERS``, ``CAPUY_QUEUE_TIMEOUT``: the background-work cluster (``capuy qcluster``, django-q2);
  its queue lives in the database, or in Redis when ``REDIS_URL`` is set. ``CAPUY_QUEUE_SYNC=1`` runs tasks
  inside the request instead (no worker needed; the tests do this).
- ``CAPUY_VAR_DIR``: where the embedded database, secret key and uploads live (default ``./var``).
"""

import os
import secrets
import warnings
from pathlib import Path

import dj_database_url


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CAPUY_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_bool("CAPUY_DEBUG")


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
if not DEBUG and env_bool("CAPUY_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_q",
    "capuy.core",
    "capuy.accounts",
    "capuy.organizations",
    "capuy.members",
    "capuy.conferences",
    "capuy.voting",
    "capuy.documents",
    "capuy.targets",
    "capuy.tasks",
    "capuy.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "capuy.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["capuy.core.templatetags.vn"],
        },
    }
]
ASGI_APPLICATION = "capuy.asgi.application"
WSGI_APPLICATION = "capuy.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'capuy.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded database serve a web server and a command at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (PDF conversion, imports, e-mail): django-q2. The database is the broker on a laptop (no
# extra server); Redis when REDIS_URL is set. One attempt per task: a failed job is shown to its owner, who
# starts it again, rather than repeated unseen.
_QUEUE_TIMEOUT = int(os.environ.get("CAPUY_QUEUE_TIMEOUT", "900"))
Q_CLUSTER = {
    "name": "capuy",
    "label": "Hàng đợi việc nền",
    "workers": int(os.environ.get("CAPUY_QUEUE_WORKERS", "2")),
    "timeout": _QUEUE_TIMEOUT,
    "retry": _QUEUE_TIMEOUT + 60,
    "max_attempts": 1,
    "save_limit": 1000,
    "catch_up": False,
    "poll": 0.5,
    "sync": env_bool("CAPUY_QUEUE_SYNC"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# whitenoise serves files through a synchronous iterator; under ASGI Django warns on every static file.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous iterators")

# Every e-mail goes through the background queue (capuy.core.mail); CAPUY_EMAIL_DELIVERY_BACKEND delivers it.
EMAIL_BACKEND = "capuy.core.mail.QueuedEmailBackend"
if os.environ.get("EMAIL_HOST"):
    CAPUY_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    CAPUY_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "capuy@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
