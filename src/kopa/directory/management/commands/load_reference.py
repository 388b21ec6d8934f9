from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kopa.directory.countries import ensure_countries
from kopa.directory.reference import ReferenceFileError, load_reference_file


class Command(BaseCommand):
    help = "Load reference CSV files (municipalities, regions, reforms, population updates). Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CSV files; municipality files before the merger file")

    def handle(self, *args, files, **options):
        ensure_countries()  # foreign partners and places name any country
        for path in files:
            try:
                result = load_reference_file(path)
            except ReferenceFileError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                _("%(file)s: %(rows)d rows read (%(kind)s), %(created)d new records")
                % {"file": path, "rows": result.rows, "kind": result.kind, "created": result.created}
            )
