"""Settings for the expat network portal.

Everything that differs between a laptop, CI and production comes from environment
variables (see the README's configuration table). The embedded defaults give a portal that
runs with no servers at all: SQLite under var/, Celery tasks run eagerly, mail to the console.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Set the SECRET_KEY environment "
            "variable to a long random string (or DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-debug-is-on"  # noqa: S105
elif not DEBUG and (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.lower().startswith(("change-me", "changeme", "django-insecure", "insecure"))
):
    # Whoever knows the key signs the portal's links (invitations, withdrawals): a published or
    # guessable one is as bad as none.
    raise ImproperlyConfigured(
        "SECRET_KEY is a placeholder or too short: use at least 50 random characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

# Demo mode: the demo data and the demo logins' published passwords. `make run` (DEBUG on) has it;
# a production server (DEBUG off) has neither unless DEMO_DATA=true is set on purpose.
DEMO_DATA = env.bool("DEMO_DATA", default=DEBUG)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -----------------------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must be loaded before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "django_countries",
    "django_filters",
    # The project's own apps; seed_demo runs their seed modules in this order.
    "network",
    "companies",
    "newcomers",
    "events",
    "mentors",
    "housing",
    "careers",
    "retention",
    "stories",
    "appointments",
    "reports",
]
PROJECT_APPS = [
    "network",
    "companies",
    "newcomers",
    "events",
    "mentors",
    "housing",
    "careers",
    "retention",
    "stories",
    "appointments",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "network.middleware.RejectNulBytesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"

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
                "django.template.context_processors.i18n",
                "network.context_processors.region",
                "network.context_processors.roles",
            ],
        },
    },
    # Plain-text e-mails (subject and text body): nothing to escape, so "O'Brien" stays O'Brien.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Data -------------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (runserver threads, eager tasks) wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "network.cache.RedisCache",  # Django's, reusing its redis client
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "network",
        }
    }
    # Every logged-in request reads its session: from Redis, with the database behind it, it costs
    # no query (a sign-up rush is hundreds of them at once). Sessions outlive a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif DEBUG:
    # runserver serves from one process: its memory is shared by every request.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Without Redis, gunicorn's workers are separate processes: a cache in each one's memory would
    # serve a calendar page from before a sign-up made in another worker, and count a rate limit per
    # worker. Files under var/ are shared by all of them (and by the Celery worker on this host).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(env.path("CACHE_DIR", default=VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# --- Accounts ---------------------------------------------------------------------------------

AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
SITE_DOMAIN = env.str("SITE_DOMAIN", default="127.0.0.1:8000")
# The domain in calendar UIDs (event-12@<domain>). It must never change once calendars subscribe, or
# they show every activity twice: a deployment keeps the one it started with (README, Configuration).
ICS_UID_DOMAIN = env.str("ICS_UID_DOMAIN", default="") or SITE_DOMAIN.split(":")[0]
LOGIN_REDIRECT_URL = "after_login"
LOGIN_URL = "account_login"

ACCOUNT_ADAPTER = "network.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "network.forms.SignupNameForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True
# Answered with 429 (templates/429.html) once exceeded; failed logins per account lock sooner.
ACCOUNT_RATE_LIMITS = {
    "login": "10/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
}
# How many proxies in front of the portal append to X-Forwarded-For (1 behind the compose file's
# TLS proxy). 0 ignores the header, which anyone can write. Used by network.ratelimit.client_ip,
# which allauth's login limits use as well (network.adapters).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http" if DEBUG else "https")

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "nb"
# The portal's languages: Norwegian Bokmål (the default) and English always, and any other language
# Django knows added with PORTAL_LANGUAGES=nb,en,sv. Adding one needs migrations for its columns and
# a translation of the interface (README, "Adding a language"); its content falls back to English.
_LANGUAGE_NAMES = {"nb": _("Norwegian Bokmål"), "en": _("English")}
_KNOWN_LANGUAGES = dict(global_settings.LANGUAGES)
PORTAL_LANGUAGES = env.list("PORTAL_LANGUAGES", default=["nb", "en"])
if PORTAL_LANGUAGES[:2] != ["nb", "en"] or len(set(PORTAL_LANGUAGES)) != len(PORTAL_LANGUAGES):
    raise ImproperlyConfigured("PORTAL_LANGUAGES starts with nb,en and names each language once (nb,en,sv).")
_unknown = [code for code in PORTAL_LANGUAGES if code not in _KNOWN_LANGUAGES]
if _unknown:
    raise ImproperlyConfigured(f"PORTAL_LANGUAGES: Django knows no language {', '.join(_unknown)}.")
LANGUAGES = [
    (code, _LANGUAGE_NAMES[code] if code in _LANGUAGE_NAMES else _(_KNOWN_LANGUAGES[code]))
    for code in PORTAL_LANGUAGES
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "nb"
# The admin's language tabs need jQuery UI (modeltranslation reads JQUERY_UI_URL, unprefixed):
# served from our static files, as pages must work offline and the CSP allows only 'self' scripts.
# Its stylesheet comes in templates/admin/base_site.html.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("nb", "en"),
    "nb": ("en",),
    "en": ("nb",),
    # An added language shows what is not yet written in it in English, else in Bokmål.
    **{code: ("en", "nb") for code in PORTAL_LANGUAGES[2:]},
}
LOCALE_PATHS = [BASE_DIR / "locale"]
# English pages, mails and the admin write dates day-month-year with a 24-hour clock (network/formats).
FORMAT_MODULE_PATH = ["network.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are never served as static files: they live outside STATIC_ROOT and the apps serve
# them through views that check who may see them.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
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
WHITENOISE_MANIFEST_STRICT = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Mail -------------------------------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Expat network <noreply@expat-network.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
EVENTS_REMINDER_HOURS = env.int("EVENTS_REMINDER_HOURS", default=24)
# All periodic schedules live here; django-celery-beat copies them into its tables.
CELERY_BEAT_SCHEDULE = {
    "events-generate-occurrences": {
        "task": "events.tasks.occurrences_generate_all",
        "schedule": crontab(hour=2, minute=15),
    },
    # Hourly, so that each reminder goes out close to EVENTS_REMINDER_HOURS before the start
    # (a once-a-day run would remind anywhere between 0 and 24 hours ahead).
    "events-send-due-reminders": {
        "task": "events.tasks.reminders_send_due",
        "schedule": crontab(minute=5),
    },
    "network-purge-sent-mail-bodies": {
        "task": "network.tasks.outgoing_mail_bodies_purge_task",
        "schedule": crontab(hour=3, minute=30),
    },
    "companies-remind-unaccepted-invitations": {
        "task": "companies.tasks.hire_invitation_reminders_send_task",
        "schedule": crontab(hour=8, minute=0),
    },
    "mentors-follow-ups": {
        "task": "mentors.tasks.follow_ups_send_due_task",
        "schedule": crontab(hour=10, minute=0),
    },
    "housing-offers-expire": {
        "task": "housing.tasks.offers_expire_task",
        "schedule": crontab(minute=20),
    },
    "housing-move-out-reminders": {
        "task": "housing.tasks.move_out_reminders_task",
        "schedule": crontab(hour=9, minute=30),
    },
    "careers-weekly-openings": {
        "task": "careers.tasks.weekly_openings_task",
        "schedule": crontab(day_of_week="mon", hour=8, minute=15),
    },
    # Survey invitations on the day they are due (move survey, arrival anniversaries) and reminders.
    "retention-surveys": {
        "task": "retention.tasks.surveys_send_due_task",
        "schedule": crontab(hour=10, minute=30),
    },
    # Once per ISO week per person (the outbox key); a second run the same week sends nothing.
    # The day before a meeting with the contact person; the outbox key makes a second run harmless.
    "appointments-reminders": {
        "task": "appointments.tasks.reminders_send_due_task",
        "schedule": crontab(hour=9, minute=0),
    },
    "stories-weekly-digest": {
        "task": "stories.tasks.weekly_digest_task",
        "schedule": crontab(day_of_week="thu", hour=16, minute=0),
    },
}

# --- Security (production values when DEBUG is off) -------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own static files: no inline script can run, whatever gets injected.
# Inline style attributes stay allowed because the Django admin and Bootstrap's JS set them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every PDF step at INFO; its warnings are what matter.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
