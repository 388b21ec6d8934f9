"""What a production start checks and says before it serves (`kopa serve`, and gunicorn.conf.py's hooks when
gunicorn is started directly)."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage


def static_files_missing() -> str:
    """Why the pages would fail (every HTML page answers 500 without the manifest of collected static files), or
    "" when they will not."""
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest is None or settings.DEBUG:
        return ""  # files served from the apps (development, tests): nothing to collect
    storage = getattr(staticfiles_storage, "manifest_storage", staticfiles_storage)
    if storage.exists(manifest):
        return ""
    return (
        f"Static files are not collected: {settings.STATIC_ROOT}/{manifest} is missing, and every page would "
        "answer 500. Run `kopa collectstatic --noinput` (after each upgrade), or start with `kopa serve "
        "--collectstatic`."
    )


def cache_notice() -> str:
    """Where cache and sessions live, said at start: with the database cache only one app machine may serve."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("RedisCache"):
        return f"Cache and sessions in Redis ({_without_password(settings.CACHES['default']['LOCATION'])})."
    if backend.endswith("DatabaseCache"):
        return "Redis absent (KOPA_REDIS_URL not set): cache in the database, one machine only."
    return f"Cache: {backend}."


def _without_password(url: str) -> str:
    scheme, _, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}://{rest}" if scheme and rest else url
