"""Jaga's one settings module: every value comes from an environment variable with a safe
default (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from jaga.conf import (
    env_bool,
    env_int,
    env_list,
    env_str,
    new_fernet_key,
    new_secret_key,
    new_signing_key,
    private_dir,
    secret_from_env_or_file,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = private_dir(Path(env_str("JAGA_VAR_DIR", str(BASE_DIR / "var"))))

DEBUG = env_bool("JAGA_DEBUG", False)
SECRET_KEY = secret_from_env_or_file("JAGA_SECRET_KEY", VAR_DIR / "secret_key", new_secret_key)
# Comma-separated Fernet keys, newest first: the first encrypts, all decrypt (key rotation).
FIELD_ENCRYPTION_KEYS = env_list(
    "JAGA_FIELD_KEYS",
    secret_from_env_or_file("JAGA_FIELD_KEYS", VAR_DIR / "field_keys", new_fernet_key),
)
# Keys the blind index (keyed hash) that lets encrypted identities be searched.
FIELD_INDEX_KEY = secret_from_env_or_file("JAGA_INDEX_KEY", VAR_DIR / "index_key", new_secret_key)
ALLOWED_HOSTS = env_list("JAGA_ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = env_str("JAGA_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "jaga.core",
    "jaga.home",
    "jaga.areas",
    "jaga.people",
    "jaga.access",
    "jaga.audit",
    "jaga.security",
    "jaga.sections",
    "jaga.notifications",
    "jaga.codes",
    "jaga.reports",
    "jaga.cases",
    "jaga.casework",
    "jaga.referrals",
    "jaga.clocks",
    "jaga.figures",
    "jaga.taskforce",
    "jaga.voice",
    "jaga.forum",
    # Its demo step (the demo's past) runs after the other apps' demo steps ...
    "jaga.synthetic",
    # ... and the KLA evaluation's after it: its computed items read that past.
    "jaga.kla",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "ninja",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jaga.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jaga.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Above every middleware that may redirect, so a redirected htmx request gets HX-Redirect.
    "jaga.core.htmx.FragmentRedirectMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jaga.security.middleware.IdleTimeoutMiddleware",
    "jaga.security.middleware.TwoFactorMiddleware",
    "jaga.security.middleware.KnownDeviceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jaga.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jaga.urls"
WSGI_APPLICATION = "jaga.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jaga" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("JAGA_DATABASE_URL", f"sqlite:///{VAR_DIR / 'jaga.sqlite3'}"),
        conn_max_age=env_int("JAGA_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; the timeout makes writers queue, not fail.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A PostgreSQL streaming replica for the figures, exports and public statistics: reads go
# there only inside jaga.core.replica.reads_from_replica(); every write and every other read
# stays on the primary, so a person always sees their own change.
REPLICA_DATABASE_URL = env_str("JAGA_REPLICA_DATABASE_URL")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_DATABASE_URL, conn_max_age=env_int("JAGA_DB_CONN_MAX_AGE", 60)
    )
    # The test run has no second database: the replica alias reads the test primary.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["jaga.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.Person"
AUTHENTICATION_BACKENDS = [
    "jaga.security.lockout.LockoutBackend",  # django-axes: refuses while locked out
    "jaga.people.backends.UsernameOrPhoneBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # an invitation link stays valid three days

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "jaga" / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "jaga" / "static"]
MEDIA_ROOT = VAR_DIR / "media"  # uploaded files: outside the web root, served via the policy
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600  # uploads readable by Jaga's system user only
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Background tasks: the database queue by default (nothing to run beside Jaga but `jaga
# db_worker`); JAGA_TASK_BACKEND=rq puts them on RQ in the Redis of JAGA_REDIS_URL, so the
# workers of several machines share one queue (`jaga rqworker --job-class django_tasks_rq.Job`).
TASK_BACKEND_ALIASES = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}
TASK_BACKEND = env_str("JAGA_TASK_BACKEND", "database")
TASKS = {"default": {"BACKEND": TASK_BACKEND_ALIASES.get(TASK_BACKEND, TASK_BACKEND)}}
REDIS_URL = env_str("JAGA_REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL}}
if TASKS["default"]["BACKEND"] == TASK_BACKEND_ALIASES["rq"]:
    INSTALLED_APPS += ["django_rq"]

# One cache shared by every server process and worker (rate limits, lockout slow-down, used
# form tokens): a per-process cache would let each gunicorn worker count on its own. The
# database by default (zero set-up, its table made by a migration); Redis when JAGA_CACHE_URL
# names one (redis://host:6379/1).
CACHE_URL = env_str("JAGA_CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jaga_cache"}
    )
}

# How many proxies in front of Jaga add themselves to X-Forwarded-For (the TLS proxy that
# JAGA_HTTPS assumes: 1). The client's address is the one the outermost of them saw; with 0 it
# is the connection's own address, and a client cannot claim another by sending the header.
TRUSTED_PROXIES = env_int("JAGA_TRUSTED_PROXIES", 0)

# Security. JAGA_HTTPS=true is the production setting behind TLS.
HTTPS = env_bool("JAGA_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("JAGA_SESSION_SECONDS", 8 * 3600)
CSRF_TRUSTED_ORIGINS = env_list("JAGA_CSRF_TRUSTED_ORIGINS")

# Sign-in protection (jaga.security.lockout). Lockout by django-axes of an address that fails
# too often (whichever accounts it tries, so also of each account from that address); an
# account failing from many addresses is only slowed down and a known device passes, so
# nobody can lock the rightful owner out.
AXES_FAILURE_LIMIT = env_int("JAGA_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("JAGA_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail already
AXES_USERNAME_CALLABLE = "jaga.security.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "jaga.security.lockout.lockout_address"
AXES_LOCKOUT_CALLABLE = "jaga.security.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Jaga"
# Idle limits: roles that see identities (who also need two-factor sign-in), everyone else.
IDLE_SECONDS_IDENTITY = 60 * env_int("JAGA_IDLE_MINUTES_IDENTITY", 30)
IDLE_SECONDS = 60 * env_int("JAGA_IDLE_MINUTES", 8 * 60)
# A referral that has ended (completed, declined) keeps its record for the partner, but the
# victims' data it shared stays readable only this many days after the end.
REFERRAL_GRACE_DAYS = env_int("JAGA_REFERRAL_GRACE_DAYS", 30)
# Signed checkpoints of the audit chain (jaga audit-checkpoint): the Ed25519 key lives outside
# the database, so whoever can rewrite the database cannot sign a rewritten chain. The serving
# set-up writes one when due; every copy also goes to the DPO's mailbox and the log.
AUDIT_SIGNING_KEY = secret_from_env_or_file(
    "JAGA_AUDIT_SIGNING_KEY", VAR_DIR / "audit_signing_key", new_signing_key
)
AUDIT_CHECKPOINT_MINUTES = env_int("JAGA_AUDIT_CHECKPOINT_MINUTES", 5)
DPO_EMAIL = env_str("JAGA_DPO_EMAIL")
# Backups: the archive key (urlsafe base64 of 32 bytes); generated into var/ when not set.
BACKUP_KEY = secret_from_env_or_file("JAGA_BACKUP_KEY", VAR_DIR / "backup_key", new_fernet_key)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("JAGA_LOG_LEVEL", "INFO")},
    # Request bodies never reach logs; only method, path and status are logged by gunicorn.
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}

EMAIL_BACKEND = env_str("JAGA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("JAGA_EMAIL_FROM", "jaga@localhost")

ADMIN_PATH = env_str("JAGA_ADMIN_PATH", "admin/")

# Notifications (jaga.notifications): the WhatsApp Business Cloud API channel is on when the
# token and phone-number id are set; the outbox retries with doubling waits, then gives up.
WHATSAPP_API_BASE = env_str("JAGA_WHATSAPP_API_BASE", "https://graph.facebook.com")
WHATSAPP_API_VERSION = env_str("JAGA_WHATSAPP_API_VERSION", "v23.0")
WHATSAPP_PHONE_NUMBER_ID = env_str("JAGA_WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_TOKEN = env_str("JAGA_WHATSAPP_TOKEN")
WHATSAPP_TIMEOUT = env_int("JAGA_WHATSAPP_TIMEOUT", 10)
# An approved template (body {{1}} title, {{2}} number, {{3}} link); empty: plain text.
WHATSAPP_TEMPLATE = env_str("JAGA_WHATSAPP_TEMPLATE")
WHATSAPP_TEMPLATE_LANGUAGE = env_str("JAGA_WHATSAPP_TEMPLATE_LANGUAGE", "id")
NOTIFY_MAX_ATTEMPTS = env_int("JAGA_NOTIFY_MAX_ATTEMPTS", 6)
NOTIFY_BACKOFF_SECONDS = env_int("JAGA_NOTIFY_BACKOFF_SECONDS", 60)
NOTIFY_SENDING_TIMEOUT = env_int("JAGA_NOTIFY_SENDING_TIMEOUT", 300)
