"""`kopa serve`: the production start (docs/deploy.md). Checks what would make every page fail, says where cache
and sessions live, then becomes gunicorn (exec: systemd's signals reach gunicorn itself, HUP reloads gracefully)."""

import os
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

import kopa
from kopa.core.deployment import cache_notice, static_files_missing

CONFIG = Path(kopa.__file__).resolve().parent / "gunicorn.conf.py"


class Command(BaseCommand):
    help = "Serve Kopā with gunicorn (src/kopa/gunicorn.conf.py; KOPA_BIND, KOPA_WORKERS, KOPA_TIMEOUT)."

    def add_arguments(self, parser):
        parser.add_argument("--collectstatic", action="store_true",
                            help="collect the static files first (else refuse to start without them)")
        parser.add_argument("--migrate", action="store_true", help="apply the migrations first")
        parser.add_argument("--check-only", action="store_true", help="check and say, but do not serve")

    def handle(self, *args, **options):
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=1)
        if options["collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        problem = static_files_missing()
        if problem:
            raise CommandError(problem, returncode=3)
        self.stdout.write(cache_notice())
        if options["check_only"]:
            return
        self.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "kopa.wsgi:application"])
