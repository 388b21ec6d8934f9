"""The five source articles as the sources of the records made from them, and names as they wrote them
(idempotent: a source is found again by its title). Titles are kept as written; where an article does not say
who published it or when, neither does its source."""

from collections import Counter
from datetime import date

from django.db import transaction

from kopa.activities.models import Activity
from kopa.directory.models import Organisation
from kopa.directory.services.additions import add_variant
from kopa.projects.models import Project
from kopa.sources import services
from kopa.sources.models import Citation, Source

# Title as written, publisher (organisation slug or None), year of publication if the text makes it certain,
# then the records it is the source of: activities by (Latvian title, start) and projects by code.
SEED_ARTICLES = [
    ("Latgales pašvaldību pārstāvji devās pieredzes apmaiņā uz Lietuvu", "latgale-planning-region", 2018,
     [("Pieredzes apmaiņas brauciens uz Utenu un Anīkščiem", date(2018, 5, 29)),
      ("Pieredzes apmaiņa ar Kurzemes plānošanas reģionu", date(2018, 6, 12)),
      ("Pieredzes apmaiņa ar Zemgales plānošanas reģionu", date(2018, 6, 19))], ["LLI-59"]),
    ("PIEREDZES APMAIŅA RĒZEKNĒ", None, 2012,
     [("Daugavpils pašvaldības darbinieku pieredzes apmaiņa Rēzeknē", date(2012, 8, 31))],
     ["1DP/1.5.2.2.3/11/APIA/SIF/110/71"]),
    # "11 February", no year: nor is the year of its publication stated.
    ("IMC-0 Noslēdzies pirmais Starp-Pašvaldības Sadarbības seminārs", None, None,
     [("IMC-0: pirmais starppašvaldību sadarbības seminārs", None)], ["4.3-24/NFI/INP-002"]),
    ("Pašvaldībā Iedzīvotājiem", "lps", 2020,
     [("Pašvaldību attīstības sadarbība ar Austrumu partnerības valstīm", date(2020, 12, 15))], ["LPS-EC-2020"]),
    ("Par projektu", "latgale-planning-region", None, [], ["LLI-59"]),
]


# Names as the articles wrote them, kept beside the record's own (organisation slug, form, kind, language, where).
NAMES_AS_WRITTEN = [
    ("utena-district-municipality", "Utenas rajona pašvaldības administrācijas", "inflected", "lv", "raksts 000"),
    ("anyksciai-district-municipality", "Anīkšču pašvaldība", "as_written", "lv", "raksts 000"),
]


def load_demo_sources() -> Counter:
    created: Counter = Counter()
    with transaction.atomic():
        for slug, name, kind, language, note in NAMES_AS_WRITTEN:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is not None and not organisation.variants.filter(name=name).exists():
                add_variant(by=None, record=organisation, name=name, kind=kind, language=language, note=note)
                created["name_variants"] += 1
        for title, publisher, year, activities, projects in SEED_ARTICLES:
            source = Source.objects.filter(title=title).first()
            if source is None:
                dates = {"date_precision": "year", "year_from": year} if year else {"date_precision": "unknown"}
                source = services.add_source(
                    by=None, title=title, language="lv",
                    organisation=Organisation.objects.filter(slug=publisher).first() if publisher else None,
                    note="Viens no pieciem rakstiem, pēc kuriem veidota Kopā.", **dates)
                created["sources"] += 1
            records = [a for t, start in activities
                       if (a := _activity(t, start)) is not None] + list(Project.objects.filter(code__in=projects))
            for record in records:
                if not Citation.objects.filter(source=source, object_id=record.pk,
                                               content_type__model=record._meta.model_name).exists():
                    services.cite(record=record, source=source, by=None)
                    created["citations"] += 1
    return created


def _activity(title: str, start) -> Activity | None:
    found = Activity.objects.filter(title_lv=title)
    return (found.filter(start_date=start) if start else found).first()
