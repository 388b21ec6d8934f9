"""Starting Django for a benchmark: its own database (a fresh SQLite file, or DATABASE_URL as given), development
settings, the overrides the benchmark needs, and the migrations run."""

import os


def start(sqlite_path: str | None, **overrides) -> None:
    if sqlite_path is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopa.settings")
    os.environ.setdefault("KOPA_ENV", "development")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    for name, value in overrides.items():
        setattr(settings, name, value)
    call_command("migrate", verbosity=0)
