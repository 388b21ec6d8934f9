from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopa.audit import acting
from kopa.core.errors import DomainError
from kopa.demo import facts
from kopa.demo.accounts import create_demo_accounts
from kopa.demo.activities import load_demo_activities
from kopa.demo.addresses import give_addresses
from kopa.demo.current import load_demo_current
from kopa.demo.lean import load_demo_lean
from kopa.demo.loader import load_demo
from kopa.demo.publications import load_demo_publications
from kopa.demo.sources import load_demo_sources
from kopa.demo.surveys import load_demo_surveys
from kopa.directory.countries import ensure_countries
from kopa.directory.reference import ReferenceFileError, load_reference_file
from kopa.messaging.compose import quiet
from kopa.topics.vocabulary import ensure_vocabulary

LABELS = {
    "countries": gettext_lazy("countries"),
    "regions": gettext_lazy("regions"),
    "organisations": gettext_lazy("organisations"),
    "departments": gettext_lazy("departments"),
    "people": gettext_lazy("people"),
    "positions": gettext_lazy("positions"),
    "funds": gettext_lazy("funds"),
    "programmes": gettext_lazy("programmes"),
    "projects": gettext_lazy("projects"),
    "partnerships": gettext_lazy("partnerships"),
    "funding_shares": gettext_lazy("funding shares"),
    "work_plan_items": gettext_lazy("work plan items"),
    "indicators": gettext_lazy("output indicators"),
    "users": gettext_lazy("demo users"),
    "roles": gettext_lazy("roles"),
    "working_groups": gettext_lazy("working groups"),
    "activities": gettext_lazy("activities"),
    "topics": gettext_lazy("topics"),
    "participations": gettext_lazy("participating organisations"),
    "programme_items": gettext_lazy("programme items"),
    "registrations": gettext_lazy("registrations"),
    "votes": gettext_lazy("votes"),
    "services": gettext_lazy("public services"),
    "event_logs": gettext_lazy("event logs"),
    "articles": gettext_lazy("news articles"),
    "needs": gettext_lazy("needs"),
    "questionnaires": gettext_lazy("questionnaires"),
    "survey_responses": gettext_lazy("survey responses"),
    "sources": gettext_lazy("sources"),
    "citations": gettext_lazy("citations of sources"),
    "name_variants": gettext_lazy("name variants"),
}


class Command(BaseCommand):
    help = "Load the demo data set and create one demo login per role. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reference", nargs="+", action="extend", default=[], metavar="FILE",
            help="reference CSV files to load first (municipality files before the merger file)",
        )

    def handle(self, *args, reference, **options):
        with acting(channel="import", kind="import"):  # the trail says these rows came from the demo's import
            self._load(reference)

    def _load(self, reference):
        countries = ensure_countries()  # foreign partners and places may name any country
        for path in reference:
            try:
                result = load_reference_file(path)
            except ReferenceFileError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                _("%(file)s: %(rows)d rows read (%(kind)s), %(created)d new records")
                % {"file": path, "rows": result.rows, "kind": result.kind, "created": result.created}
            )
        try:
            with quiet():  # the demo's history is not news to anyone: nobody is mailed while it loads
                created = Counter({"topics": ensure_vocabulary(), "countries": countries})
                created.update(load_demo())
                created.update(load_demo_activities())
                created.update(load_demo_lean())
                created.update(load_demo_publications())
                created.update(load_demo_surveys())
                created.update(load_demo_current())  # after the news: its held meeting keeps no article
                created.update(load_demo_sources())
                logins = create_demo_accounts(created=created)
                give_addresses()  # after every demo person exists
        except DomainError as error:
            raise CommandError(str(error)) from None

        new = {key: count for key, count in created.items() if count}
        if new:
            details = ", ".join(f"{LABELS.get(key, key)}: {count}" for key, count in new.items())
            self.stdout.write(
                self.style.SUCCESS(_("Demo data loaded: %(total)d new records (%(details)s).")
                                   % {"total": sum(new.values()), "details": details})
            )
        else:
            self.stdout.write(self.style.SUCCESS(_("Demo data is already loaded: nothing new was created.")))

        self.stdout.write("")
        self.stdout.write(_("Open %(url)s and sign in as:") % {"url": facts.DEMO_URL})
        for role, username, password in logins:
            self.stdout.write(
                _("  %(role)s: user %(username)s, password %(password)s")
                % {"role": role, "username": username, "password": password}
            )
