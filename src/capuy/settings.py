"""Settings for capuy, read from environment variables with safe defaults.

- ``CAPUY_DEBUG=1`` turns on debug mode (for development only: ``make run`` shows the demo as users see it).
- ``SECRET_KEY``: when unset, a key is generated once and kept in ``var/secret_key``.
- ``DATABASE_URL``: defaults to the embedded SQLite database ``var/capuy.sqlite3``;
  ``postgres://user@host:5432/name`` selects PostgreSQL.
- ``ALLOWED_HOSTS``: comma-separated; defaults to the loopback names.
- ``REDIS_URL``: optional; when set, it backs the cache and cross-process live events.
- ``EMAIL_URL``-style settings: ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
  ``EMAIL_USE_TLS``; without ``EMAIL_HOST`` mail is printed to the console.
- ``CAPUY_VAR_DIR``: where the embedded database, secret key and uploads live. Default: the ``var/`` folder of
  the source checkout (next to ``src/``), never the current directory, so a service manager (whose current
  directory is ``/``) does not scatter files; an installed package (no checkout around it) must set it.
  Created owner-only (0700), its files 0600.
- ``CAPUY_BEHIND_PROXY=1``: behind an HTTPS reverse proxy: secure cookies and HSTS
  (``CAPUY_HSTS_SECONDS``, default one year; ``CAPUY_HSTS_INCLUDE_SUBDOMAINS``, ``CAPUY_HSTS_PRELOAD``).
- ``CAPUY_LOGIN_FAILURE_LIMIT`` (default 5) wrong passwords lock a user name for ``CAPUY_LOGIN_LOCKOUT_MINUTES``
  (default 30), on the site and in /quan-tri/; administrators unlock it earlier.
- ``CAPUY_2FA_REQUIRED_ROLES``: roles that must use a second factor (default ``admin,office,committee``;
  empty for none).
- ``CAPUY_API_TOKEN_DEFAULT_DAYS`` (default 90) and ``CAPUY_API_TOKEN_MAX_DAYS`` (default 365): API token lifetime.
- Every ``CAPUY_*`` setting is declared once, with its default and meaning, in ``capuy/config.py``
  (documented for operators in ``docs/SETTINGS.md``); this module reads them from the environment there.
- ``CAPUY_DB_POOL``: on PostgreSQL, the size of each process's connection pool (Django's psycopg pool;
  default 10; ``0`` turns the pool off). Size it so that workers × pool (+ the task worker) stays under the
  server's ``max_connections``.
- ``CAPUY_ACCEL_REDIRECT``: set to the internal nginx location (e.g. ``/_protected/``) when nginx is in front;
  capuy then checks the right to read a file and lets nginx send it (``X-Accel-Redirect``).
- ``CAPUY_LOG_FORMAT``: ``json`` (default when not in debug mode) or ``text``; ``LOG_LEVEL`` (default INFO).
- ``CAPUY_QUEUE_WORKERS``, ``CAPUY_QUEUE_TIMEOUT``: the background-work cluster (``capuy qcluster``, django-q2);
  its queue lives in the database, or in Redis when ``REDIS_URL`` is set. ``CAPUY_QUEUE_SYNC=1`` runs tasks
  inside the request instead (no worker needed; the tests do this).
"""

import datetime
import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from capuy import config


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent


def _default_var_dir() -> Path:
    """The checkout's ``var/`` (``<checkout>/src/capuy/settings.py`` → ``<checkout>/var``).

    An installed package has no checkout around it: then CAPUY_VAR_DIR is required, rather than silently
    writing into whatever directory the process happens to start in.
    """
    checkout = BASE_DIR.parent.parent
    if (checkout / "pyproject.toml").exists():
        return checkout / "var"
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Đặt biến môi trường CAPUY_VAR_DIR (thư mục dữ liệu của capuy).")


VAR_DIR = Path(os.environ.get("CAPUY_VAR_DIR") or _default_var_dir()).resolve()


def _private_dir(path: Path) -> None:
    """The data directory holds the database, the secret key and uploads: readable by its owner only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:  # a directory owned by someone else (a mounted volume): leave it as it is
        pass


def _private_file(path: Path) -> None:
    """Create ``path`` 0600 when missing (SQLite gives its -wal and -shm files the same mode), or tighten it."""
    if str(path) == ":memory:" or not path.parent.is_dir():
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if each.exists() and each.stat().st_uid == os.getuid() and each.stat().st_mode & 0o077:
                each.chmod(0o600)
    except OSError:
        pass


_private_dir(VAR_DIR)

DEBUG = config.from_environment("CAPUY_DEBUG")


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created 0600 from the start: a write followed by chmod would leave a moment when others may read it.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
        handle.write(key)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
if not DEBUG and config.from_environment("CAPUY_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Browsers remember to use HTTPS only; the proxy must redirect plain HTTP itself.
    SECURE_HSTS_SECONDS = config.from_environment("CAPUY_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = config.from_environment("CAPUY_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = config.from_environment("CAPUY_HSTS_PRELOAD")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "auditlog",
    "ninja",  # serves /api/docs from its own static files instead of a CDN (and so within the CSP)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
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
    "capuy.core.requestlog.RequestIdMiddleware",
    "capuy.core.pool.ReleaseConnectionMiddleware",
    "capuy.core.health.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "capuy.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "capuy.core.history.HistoryContextMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
# The history of changes: django-auditlog computes the changes, capuy's entry model chains them by hash.
AUDITLOG_LOGENTRY_MODEL = "core.HistoryEntry"
AUDITLOG_STORE_JSON_CHANGES = True
# Rows loaded by `capuy restore` (raw saves) are the past itself, not new changes.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

if config.from_environment("CAPUY_BENCH"):
    MIDDLEWARE.insert(1, "capuy.core.requestlog.QueryCountMiddleware")

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
    _private_file(Path(DATABASES["default"]["NAME"]))
DB_POOL_SIZE = config.from_environment("CAPUY_DB_POOL")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_SIZE > 0:
    # Django 5.2's psycopg pool: each process keeps at most DB_POOL_SIZE connections and requests wait for a
    # free one (up to 30 s) instead of opening one each; the pool requires CONN_MAX_AGE = 0.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Django checks each pooled connection before use (psycopg_pool's check_connection): after PostgreSQL
    # restarts, requests get fresh connections.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1, "max_size": DB_POOL_SIZE, "timeout": float(config.from_environment("CAPUY_DB_POOL_TIMEOUT")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user name before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): wrong passwords lock the user name, whatever address they come from
# (behind a proxy every address is the proxy's, so locking by address would lock everyone out).
AXES_FAILURE_LIMIT = config.from_environment("CAPUY_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=config.from_environment("CAPUY_LOGIN_LOCKOUT_MINUTES"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "capuy.accounts.views.locked_out"
AXES_VERBOSE = False
# axes warns when the address is not a lockout parameter; behind a proxy every address is the proxy's.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Second factor (django-otp): these roles must confirm a one-time code after the password.
CAPUY_2FA_REQUIRED_ROLES = list(config.from_environment("CAPUY_2FA_REQUIRED_ROLES"))
OTP_TOTP_ISSUER = "Cấp ủy số"


# Content-Security-Policy (django-csp): no inline script, nothing from other sites. Style attributes
# (widths of progress bars, indentation of trees) are allowed; style elements and sheets come from here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": config.from_environment("CAPUY_CACHE_PREFIX"),
                          # A dead Redis must fail a request in a second, not hang it.
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Cross-process live events: "redis" (default with REDIS_URL), "postgres" (default on PostgreSQL) or "local".
# Background work (PDF conversion, imports, e-mail): django-q2. The database is the broker on a laptop (no
# extra server); Redis when REDIS_URL is set. One attempt per task: a failed job is shown to its owner, who
# starts it again, rather than repeated unseen.
_QUEUE_TIMEOUT = config.from_environment("CAPUY_QUEUE_TIMEOUT")
Q_CLUSTER = {
    "name": "capuy",
    "label": "Hàng đợi việc nền",
    "workers": config.from_environment("CAPUY_QUEUE_WORKERS"),
    "timeout": _QUEUE_TIMEOUT,
    "retry": _QUEUE_TIMEOUT + 60,
    "max_attempts": 1,
    "save_limit": 1000,
    "catch_up": False,
    "poll": 0.5,
    "sync": config.from_environment("CAPUY_QUEUE_SYNC"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# capuy's own wording for Django messages whose shipped Vietnamese reads wrong ("Nhập một số tổng thể.")
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
# Dates typed by hand are read day first, as Vietnamese write them ("02/12/2026" is 2 December); Django's "vi" locale
# names no input formats, and its defaults read "2/12/2026" as 12 February. The ISO form is what date pickers send.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
                          "%d-%m-%Y %H:%M", "%d-%m-%Y",
                          "%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing folder
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# whitenoise serves files through a synchronous iterator; under ASGI Django warns on every static file.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous iterators")

# Every e-mail goes through the background queue (capuy.core.mail); EMAIL_DELIVERY_BACKEND delivers it.
EMAIL_BACKEND = "capuy.core.mail.QueuedEmailBackend"
if os.environ.get("EMAIL_HOST"):
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # No mail server: mails (password-reset links included) are kept owner-only in var/mail for the
    # administrator, never printed to the server log.
    EMAIL_DELIVERY_BACKEND = "capuy.accounts.mail.KeptMailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "capuy@localhost")

# Where nginx serves protected files from once capuy has checked the right to read them (X-Accel-Redirect).
ACCEL_REDIRECT = config.from_environment("CAPUY_ACCEL_REDIRECT")
# /healthz reports the disk as failing below this much free space in CAPUY_VAR_DIR.
HEALTH_MIN_FREE_MB = config.from_environment("CAPUY_MIN_FREE_MB")

# One JSON object per line with the request id (capuy.core.requestlog), so the lines of one request can be
# found across nginx, the web workers and the task worker.
LOG_FORMAT = config.from_environment("CAPUY_LOG_FORMAT") or ("text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "capuy.core.requestlog.RequestIdFilter"}},
    "formatters": {"json": {"()": "capuy.core.requestlog.JsonFormatter"},
                   "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if LOG_FORMAT == "json" else "text"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "uvicorn": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Every 4xx would otherwise be a warning line; the access log of nginx has them.
        "django.request": {"level": "ERROR"},
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# The rules' settings (quorum, candidate lists, targets thresholds, tasks, portal…): every CAPUY_* value
# from the environment, or the default declared in capuy/config.py.
globals().update(config.django_settings())
