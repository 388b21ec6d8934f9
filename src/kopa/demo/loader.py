"""Writes the demo data set (facts.py) through the services, as the system (by=None).

Safe to repeat: everything is looked up by its natural key first, so a second run creates nothing and
only brings existing records back to the facts. Runs in one transaction: all or nothing.
"""

from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import translation

from kopa.directory import services as directory
from kopa.directory.models import Country, Department, Municipality, Organisation, Person, Position, Region
from kopa.projects import services as projects
from kopa.projects.models import Fund, FundingShare, OutputIndicator, Partnership, Programme, Project, WorkPlanItem

from . import facts


def load_demo() -> dict[str, int]:
    """Load the demo facts; returns how many records of each kind were created (all zero on a re-run)."""
    created: Counter = Counter()
    # The services copy the default-language value into the untranslated column through modeltranslation,
    # which writes it into the *active* language's column; the default language keeps lt/en intact.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        countries = {code: _country(code, names, created) for code, names in facts.COUNTRIES.items()}
        regions = {code: _region(code, spec, countries, created) for code, spec in facts.REGIONS.items()}
        organisations = {spec["slug"]: _organisation(spec, countries, regions, created)
                         for spec in facts.ORGANISATIONS}
        for spec in facts.PEOPLE:
            _person(spec, organisations, created)
        funds = {spec["code"]: _fund(spec, created) for spec in facts.FUNDS}
        programmes = {spec["code"]: _programme(spec, funds, created) for spec in facts.PROGRAMMES}
        for spec in facts.PROJECTS:
            _project(spec, programmes, funds, organisations, created)
    return {key: created[key] for key in COUNTED}


COUNTED = ("countries", "regions", "organisations", "departments", "people", "positions", "funds", "programmes",
           "projects", "partnerships", "funding_shares", "work_plan_items", "indicators")


# --- Directory -------------------------------------------------------------------------------------

def _country(code: str, names: dict, created: Counter) -> Country:
    # No service writes countries: the reference loader creates them the same way.
    country, new = Country.objects.get_or_create(
        code=code, defaults={"name": names["lv"], **{f"name_{lang}": value for lang, value in names.items()}}
    )
    created["countries"] += new
    return country


def _region(code: str, spec: tuple, countries: dict, created: Counter) -> Region:
    country, kind, names = spec
    region, new = Region.objects.get_or_create(
        code=code,
        defaults={"country": countries[country], "kind": kind, "name": names["lv"],
                  **{f"name_{lang}": value for lang, value in names.items()}},
    )
    created["regions"] += new
    return region


def _organisation(spec: dict, countries: dict, regions: dict, created: Counter) -> Organisation:
    # Without the reference data the municipality is simply left empty.
    municipality = Municipality.objects.filter(code=spec["municipality"]).first() if spec["municipality"] else None
    if spec["region"]:
        region = regions[spec["region"]]
    else:
        region = municipality.region if municipality else None
    organisation, new = directory.save_organisation(
        slug=spec["slug"], kind=spec["kind"], country=countries[spec["country"]], names=spec["names"],
        short_name=spec["short_name"], municipality=municipality, region=region, website=spec["website"],
        descriptions=spec["descriptions"],
    )
    created["organisations"] += new
    return organisation


def _department(organisation: Organisation, names: dict | None, created: Counter) -> Department | None:
    if not names:
        return None
    created["departments"] += not Department.objects.filter(organisation=organisation, name=names["lv"]).exists()
    return directory.save_department(organisation=organisation, names=names)


def find_person(first_name: str, last_name: str) -> Person | None:
    return Person.objects.filter(first_name=first_name, last_name=last_name).order_by("pk").first()


def save_person(*, first_name: str, last_name: str, created: Counter, **fields) -> Person:
    existing = find_person(first_name, last_name)
    created["people"] += existing is None
    return directory.save_person(first_name=first_name, last_name=last_name, person=existing, **fields)


def save_position(*, person: Person, organisation: Organisation, titles: dict, created: Counter,
                  department: dict | None = None, start_date=None) -> Position:
    created["positions"] += not Position.objects.filter(
        person=person, organisation=organisation, title=titles["lv"]
    ).exists()
    return directory.save_position(
        person=person, organisation=organisation, titles=titles,
        department=_department(organisation, department, created), start_date=start_date,
    )


def _person(spec: dict, organisations: dict, created: Counter) -> Person:
    person = save_person(
        first_name=spec["first_name"], last_name=spec["last_name"], photo_consent=spec["photo_consent"],
        publication_consent=spec["publication_consent"], created=created,
    )
    for position in spec["positions"]:
        save_position(
            person=person, organisation=organisations[position["organisation"]], titles=position["titles"],
            department=position["department"], start_date=position["start_date"], created=created,
        )
    return person


# --- Projects --------------------------------------------------------------------------------------

def _fund(spec: dict, created: Counter) -> Fund:
    created["funds"] += not Fund.objects.filter(code=spec["code"]).exists()
    return projects.save_fund(code=spec["code"], names=spec["names"])


def _programme(spec: dict, funds: dict, created: Counter) -> Programme:
    created["programmes"] += not Programme.objects.filter(code=spec["code"]).exists()
    return projects.save_programme(
        code=spec["code"], names=spec["names"], funds=[funds[code] for code in spec["funds"]],
        start_year=spec["start_year"], end_year=spec["end_year"], website=spec["website"],
        funding_statements=spec.get("funding_statements"),
    )


def _project(spec: dict, programmes: dict, funds: dict, organisations: dict, created: Counter) -> Project:
    programme = programmes[spec["programme"]]
    project = Project.objects.filter(code=spec["code"]).first()
    if project is None:
        project = projects.create_project(by=None, code=spec["code"], programme=programme, **spec["fields"])
        created["projects"] += 1
    else:
        project = projects.update_project(project=project, by=None, programme=programme, **spec["fields"])

    partnerships: dict[str, Partnership] = {}
    for slug, role, brought_in_by in spec["partners"]:
        organisation = organisations[slug]
        partnership = Partnership.objects.filter(project=project, organisation=organisation).first()
        if partnership is None:
            partnership = projects.add_partner(
                project=project, organisation=organisation, role=role,
                brought_in_by=partnerships[brought_in_by] if brought_in_by else None, by=None,
            )
            created["partnerships"] += 1
        partnerships[slug] = partnership

    for share in spec["funding"]:
        fund = funds[share["fund"]]
        created["funding_shares"] += not FundingShare.objects.filter(project=project, fund=fund).exists()
        projects.set_funding_share(
            project=project, fund=fund, amount=share["amount"], currency=share["currency"],
            percentage=share["percentage"], by=None,
        )

    for item in spec["work_plan"]:
        if not WorkPlanItem.objects.filter(project=project, title_lv=item["title_lv"]).exists():
            projects.add_work_plan_item(project=project, by=None, **item)
            created["work_plan_items"] += 1

    for indicator in spec["indicators"]:
        if not OutputIndicator.objects.filter(project=project, name_lv=indicator["name_lv"]).exists():
            projects.add_indicator(project=project, by=None, **indicator)
            created["indicators"] += 1
    return project
