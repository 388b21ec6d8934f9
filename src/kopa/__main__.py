"""`kopa` is Kopā's manage.py: `kopa migrate`, `kopa demo`, `kopa load_reference FILE.csv` …"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopa.settings")
    from django.core.management import execute_from_command_line

    from kopa.audit import acting

    # What a command changes is logged as done through a command (a background job or an import says so itself).
    with acting(channel="command"):
        execute_from_command_line(["kopa", *sys.argv[1:]])


if __name__ == "__main__":
    main()
