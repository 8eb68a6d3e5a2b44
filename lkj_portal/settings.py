"""LKJ Portal settings: one file, every value read from the environment.

A bad value stops the start with a message naming the variable, never a silent default.
"""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

# Generic Django classes (ModelAdmin[M], ModelForm[M], QuerySet[M]) may be subscripted at run time,
# as the type annotations of the admin and the forms do.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LKJ_VAR_DIR", BASE_DIR / "var"))

TESTING = "pytest" in sys.modules


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# A production process: DEBUG off outside the test run. Everything below that protects a real
# deployment (required variables, HTTPS, hashed static files) keys on this one flag.
PRODUKSI = not DEBUG and not TESTING

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not PRODUKSI:
        SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. For development, set DEBUG=1 (as `make run`"
            " does); for production, see docs/deploy.md."
        )
elif len(SECRET_KEY) < 32 and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUKSI else ["127.0.0.1", "localhost"])
if PRODUKSI and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma-separated).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Public base URL, used in e-mails and frozen into the QR code of every signed report: a
# production start without it is refused rather than signing documents that point nowhere.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if PRODUKSI:
        raise ImproperlyConfigured(
            "SITE_URL must be set when DEBUG is off (e.g. https://lkj.dinkes.contoh.go.id): "
            "it is printed in the QR code of every signed document."
        )
    SITE_URL = "http://127.0.0.1:8000"
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL!r}.")

INSTALLED_APPS = [
    "indikator.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_fsm",
    "simple_history",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "indikator",
    "workflow",
    "realisasi",
    "reports",
    "impor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for browsers that ask: Brotli for HTML (Accept-Encoding: br), else gzip;
    # the home page shrinks from about 90 KiB to about 9 KiB. Random padding per response against
    # BREACH (see the class) and the CSRF token masked per response; WhiteNoise above serves
    # static files pre-compressed (.br and .gz written by collectstatic).
    "lkj_portal.middleware.KompresiBrotli",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "indikator.middleware.wajib_ganti_sandi",
    "django.contrib.messages.middleware.MessageMiddleware",
    "indikator.middleware.tolak_karakter_nul",
    "lkj_portal.middleware.BatasWaktuSesi",
    "lkj_portal.middleware.TanpaSimpanUntukPengguna",
    "lkj_portal.middleware.PesanGalatHtmx",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "lkj_portal.urls"

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
                "indikator.context_processors.portal",
                "workflow.context_processors.tugas",
            ],
        },
    },
]

WSGI_APPLICATION = "lkj_portal.wsgi.application"

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    try:
        _db = dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
    if _db.get("ENGINE") not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured("DATABASE_URL must be a postgres:// or sqlite:// URL.")
    DATABASES = {"default": _db}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "lkj.sqlite3")}
    }

# SQLite, however it is configured (the default file or a sqlite:// DATABASE_URL): wait for a
# writer instead of failing with "database is locked", take the write lock when a transaction
# starts (no deadlock on a read-then-write upgrade), and WAL so that readers never block the
# writer nor the writer the readers. WAL is stored in the file; the PRAGMA is repeated on every
# connection because it is a no-op once set (and ":memory:" test databases answer "memory").
SQLITE_OPSI = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPSI, **DATABASES["default"].get("OPTIONS", {})}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "indikator.Pengguna"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): an account is locked after LOGIN_GAGAL_MAKS failures, an
# address (IP) after LOGIN_GAGAL_MAKS_ALAMAT (higher: an office's staff often share one address),
# for LOGIN_KUNCI_MENIT minutes (0: until an admin unlocks it). Every attempt is kept as audit.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account or address
    "indikator.backend.BackendPengguna",  # ModelBackend, loading the roles with the user
]
LOGIN_GAGAL_MAKS = env_int("LOGIN_GAGAL_MAKS", 10, minimum=1)
LOGIN_GAGAL_MAKS_ALAMAT = env_int("LOGIN_GAGAL_MAKS_ALAMAT", 50, minimum=1)
LOGIN_KUNCI_MENIT = env_int("LOGIN_KUNCI_MENIT", 30)
AXES_ENABLED = True
AXES_FAILURE_LIMIT = "indikator.masuk.batas_gagal"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_KUNCI_MENIT) if LOGIN_KUNCI_MENIT else None
AXES_LOCKOUT_CALLABLE = "indikator.masuk.halaman_terkunci"
AXES_RESET_ON_SUCCESS = False  # a valid login of one account must not clear an address
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # indikator/admin_masuk.py shows the records, limited to the office
# Behind one reverse proxy (nginx), LOGIN_DI_BALIK_PROXY=1: the address counted is the one the
# proxy appended to X-Forwarded-For; otherwise REMOTE_ADDR (never a header a client can forge).
LOGIN_DI_BALIK_PROXY = env_bool("LOGIN_DI_BALIK_PROXY", False)
AXES_CLIENT_IP_CALLABLE = "indikator.masuk.alamat_klien"

# Two-factor (TOTP, django-otp): the issuer name shown in the authenticator app.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "LKJ Portal")
# Password reset links are valid this many seconds (Django's PASSWORD_RESET_TIMEOUT).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24, minimum=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # numbers are formatted with the `angka` filter; years stay "2025"
FORMAT_MODULE_PATH = ["lkj_portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# In production WhiteNoise serves the files `collectstatic` wrote, compressed and with hashed
# names (cached for a year); a missing manifest is reported by `manage.py periksa_produksi`.
# The demo and the tests serve them from the source folders.
# Files (evidence, workflow uploads, import files, generated and signed PDFs, logos) go through
# the "default" storage only: the local MEDIA_ROOT, or an S3-compatible object store (AWS S3,
# MinIO, Ceph, Wasabi; django-storages) when S3_BUCKET is set, so that several app servers and
# workers on different machines see the same files. Objects stay private: every download is
# streamed through the portal after its office check, never a public or pre-signed URL.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
_S3_LAIN = {
    nama: os.environ.get(nama, "").strip()
    for nama in (
        "S3_ENDPOINT_URL",
        "S3_REGION",
        "S3_ACCESS_KEY_ID",
        "S3_SECRET_ACCESS_KEY",
        "S3_ADDRESSING_STYLE",
        "S3_PREFIX",
    )
}


def penyimpanan_berkas() -> dict[str, object]:
    """The "default" entry of STORAGES, from the S3_* variables (a half-set one stops the start)."""
    if not S3_BUCKET:
        diisi = sorted(nama for nama, nilai in _S3_LAIN.items() if nilai)
        if diisi:
            raise ImproperlyConfigured(
                f"S3_BUCKET must be set when {', '.join(diisi)} is set (or unset them for the "
                "local file system)."
            )
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    kunci, rahasia = _S3_LAIN["S3_ACCESS_KEY_ID"], _S3_LAIN["S3_SECRET_ACCESS_KEY"]
    if not kunci or not rahasia:
        raise ImproperlyConfigured(
            "S3_BUCKET is set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must both be set too."
        )
    titik = _S3_LAIN["S3_ENDPOINT_URL"]
    if titik and not titik.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"S3_ENDPOINT_URL must start with http:// or https://, not {titik!r}."
        )
    gaya = _S3_LAIN["S3_ADDRESSING_STYLE"] or "auto"
    if gaya not in {"auto", "path", "virtual"}:
        raise ImproperlyConfigured(
            f"S3_ADDRESSING_STYLE must be auto, path or virtual, not {gaya!r}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "access_key": kunci,
            "secret_key": rahasia,
            "endpoint_url": titik or None,
            "region_name": _S3_LAIN["S3_REGION"] or None,
            "addressing_style": gaya,
            "signature_version": "s3v4",
            "location": _S3_LAIN["S3_PREFIX"].strip("/"),
            # Same names as on the file system: an existing name gets a suffix, never replaced.
            "file_overwrite": False,
            "default_acl": None,  # the bucket's own (private) policy
            "querystring_auth": True,
        },
    }


STORAGES = {
    "default": penyimpanan_berkas(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUKSI
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves the source folders and notices changes.
WHITENOISE_USE_FINDERS = not PRODUKSI
WHITENOISE_AUTOREFRESH = not PRODUKSI
MEDIA_URL = "media/"  # never served directly: evidence and reports go through views
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Cache shared by every process (CACHE_URL): db://<table> (default in production: a table of
# the portal's database, created by migrate), redis://host:6379/0 or rediss://... (needs the
# `redis` package; Redis is never required), locmem:// (one process only: development, tests).
CACHE_URL = os.environ.get("CACHE_URL", "").strip() or (
    "db://lkj_cache" if PRODUKSI else "locmem://"
)


def cache_dari_url(url: str) -> dict[str, object]:
    skema, _, sisa = url.partition("://")
    if not _:
        raise ImproperlyConfigured(
            f"CACHE_URL must look like db://table, redis://host:port/db or locmem://, not {url!r}."
        )
    if skema == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": sisa}
    if skema == "db":
        tabel = sisa.strip("/") or "lkj_cache"
        if not tabel.replace("_", "").isalnum():
            raise ImproperlyConfigured(
                f"CACHE_URL: the table name must be letters, digits and _, not {tabel!r}."
            )
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": tabel}
    if skema in {"redis", "rediss"}:
        import importlib.util

        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured(
                "CACHE_URL is a redis:// URL but the `redis` package is not installed "
                "(pip install redis), or use db://lkj_cache."
            )
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        f"CACHE_URL must be a db://, redis://, rediss:// or locmem:// URL, not {url!r}."
    )


CACHES = {"default": cache_dari_url(CACHE_URL)}
# Sessions and login throttling live in the database: any app server answers any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Upload limits, in megabytes.
# Processes one long table PDF may use side by side (reports/cetak_cepat.py; 1 = none).
PDF_PROSES = env_int("PDF_PROSES", 2, minimum=1)
BUKTI_MAKS_MB = env_int("BUKTI_MAKS_MB", 10, minimum=1)
IMPOR_MAKS_MB = env_int("IMPOR_MAKS_MB", 10, minimum=1)
# Bounds of an import read, checked before parsing (impor/baca.py): uncompressed size of the
# XLSX parts, rows and columns of a sheet, size of the shared strings part.
IMPOR_MAKS_URAI_MB = env_int("IMPOR_MAKS_URAI_MB", 100, minimum=1)
IMPOR_MAKS_BARIS = env_int("IMPOR_MAKS_BARIS", 60_000, minimum=1)
IMPOR_MAKS_KOLOM = env_int("IMPOR_MAKS_KOLOM", 300, minimum=1)
IMPOR_MAKS_STRING_MB = env_int("IMPOR_MAKS_STRING_MB", 40, minimum=1)
# Uploads larger than this are checked in the task queue (impor/tasks.py), with progress.
IMPOR_LATAR_MB = env_int("IMPOR_LATAR_MB", 2, minimum=0)
# ... and so are uploads with more rows than this (counted from the sheets' <dimension>).
IMPOR_LATAR_BARIS = env_int("IMPOR_LATAR_BARIS", 5_000, minimum=0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
# Seconds an SMTP connection may take; a failed message is tried again with a doubling delay.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
SUREL_MAKS_PERCOBAAN = env_int("SUREL_MAKS_PERCOBAAN", 5, minimum=1)
SUREL_JEDA_DETIK = env_int("SUREL_JEDA_DETIK", 60, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LKJ Portal <noreply@lkj-portal.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (PDF renders, e-mail): database backend; `manage.py jalankan_pekerja` runs
# them. Signed documents have their own queue ("arsip") and the highest priority, so they never
# wait behind ad-hoc exports ("default"); e-mail has its own ("surel").
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "arsip", "surel"],
    }
}
# Lease of a running job on its row; a worker renews it every PEKERJA_DETAK_DETIK seconds.
TUGAS_SEWA_DETIK = env_int("TUGAS_SEWA_DETIK", 300, minimum=1)
TUGAS_MAKS_PERCOBAAN = env_int("TUGAS_MAKS_PERCOBAAN", 3, minimum=1)
PEKERJA_DETAK_DETIK = env_int("PEKERJA_DETAK_DETIK", 30, minimum=1)
if PEKERJA_DETAK_DETIK >= TUGAS_SEWA_DETIK:
    raise ImproperlyConfigured("PEKERJA_DETAK_DETIK must be shorter than TUGAS_SEWA_DETIK.")

# HTTPS: on in production unless the office explicitly runs a plain-HTTP intranet
# (LKJ_HTTP_INTRANET=1); `check --deploy` then says what that costs (indikator/checks.py).
# The documented setup is gunicorn on 127.0.0.1 behind nginx, which terminates TLS and sets
# X-Forwarded-Proto (deploy/nginx-lkj.conf): gunicorn must never be reachable directly.
HTTP_INTRANET = env_bool("LKJ_HTTP_INTRANET", False)
HTTPS = PRODUKSI and not HTTP_INTRANET
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
if HTTPS and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "SITE_URL must start with https:// (or set LKJ_HTTP_INTRANET=1 for a plain-HTTP intranet)."
    )
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a decision for the owner of the whole domain (e.g. the regency's go.id
    # domain), submitted to the browsers' list; one application cannot take it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sessions end after SESI_IDLE_MENIT minutes without a request and, in any case,
# SESI_MAKS_JAM hours after sign-in (lkj_portal/middleware.py).
SESI_IDLE_MENIT = env_int("SESI_IDLE_MENIT", 30, minimum=1)
SESI_MAKS_JAM = env_int("SESI_MAKS_JAM", 10, minimum=1)
if SESI_IDLE_MENIT > SESI_MAKS_JAM * 60:
    raise ImproperlyConfigured("SESI_IDLE_MENIT must not be longer than SESI_MAKS_JAM.")
SESSION_COOKIE_AGE = SESI_IDLE_MENIT * 60

# Content Security Policy: scripts and styles only from the portal's own static files; no
# inline script, no inline style element, no framing, forms post only to the portal.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
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
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
