from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kopa.directory.countries import ensure_countries


class Command(BaseCommand):
    help = "Add every ISO 3166-1 country (names in lv, lt, en from CLDR). Safe to repeat; existing rows are kept."

    def handle(self, *args, **options):
        self.stdout.write(_("%(count)d countries added") % {"count": ensure_countries()})
