from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from kopa.privacy import queries, services


class Command(BaseCommand):
    help = ("Erase the personal data of the participants of projects whose retention period (the programme's "
            "retention_years, or KOPA_RETENTION_YEARS, after the project's end) has passed; show what expires "
            "next. Run it daily. Safe to repeat: the erased are not erased again.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only say what would be erased")
        parser.add_argument("--today", type=date.fromisoformat, help="the date to judge by (YYYY-MM-DD)")
        parser.add_argument("--next", type=int, default=5, help="how many of the projects expiring next to show")

    def handle(self, *args, dry_run=False, today=None, next=5, **options):
        today = today or timezone.localdate()
        report = services.erase_expired(today=today, dry_run=dry_run)
        verb = "would erase" if dry_run else "erased"
        self.stdout.write(f"{today}: retention passed for {len(report['projects'])} project(s) with participants: "
                          + (", ".join(_name(p) for p in report["projects"]) or "none"))
        self.stdout.write(f"{verb} {len(report['people'])} person(s)"
                          + (f": #{', #'.join(str(pk) for pk in report['people'])}" if report["people"] else ""))
        coming = queries.next_to_expire(today, next)
        self.stdout.write("expires next: " + ("none" if not coming else ""))
        for project, on in coming:
            self.stdout.write(f"  {on}  {_name(project)} (ended {project.end_date}, "
                              f"{queries.retention_years(project)} years)")


def _name(project) -> str:
    return project.code or project.title
