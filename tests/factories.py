"""Small data built through the same services the application uses."""

import itertools
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.directory import services as directory
from kopa.directory.models import Country, Municipality
from kopa.projects import services as projects

_seq = itertools.count(1)


def country(code="LV"):
    names = {"LV": ("Latvija", "Latvija", "Latvia"), "LT": ("Lietuva", "Lietuva", "Lithuania")}[code]
    obj, _ = Country.objects.get_or_create(
        code=code, defaults={"name": names[0], "name_lv": names[0], "name_lt": names[1], "name_en": names[2]}
    )
    return obj


def municipality(code=None, name="Testa novads", country_code="LV"):
    obj, _ = directory.save_municipality(
        code=code or f"T{next(_seq):05d}",
        country=country(country_code),
        kind=Municipality.Kind.NOVADS,
        names={"lv": name},
    )
    return obj


def organisation(name="Testa pašvaldība", country_code="LV", municipality=None, **kwargs):
    n = next(_seq)
    obj, _ = directory.save_organisation(
        slug=f"org-{n}",
        kind=kwargs.pop("kind", "municipal_administration"),
        country=country(country_code),
        names={"lv": f"{name} {n}", "lt": f"{name} LT {n}", "en": f"{name} EN {n}"},
        municipality=municipality,
        **kwargs,
    )
    return obj


def programme(code="interreg-test"):
    fund = projects.save_fund(code="ERDF", names={"lv": "ERAF", "lt": "ERPF", "en": "ERDF"})
    return projects.save_programme(
        code=code, names={"lv": "Programma", "lt": "Programa", "en": "Programme"}, funds=[fund]
    )


def fund(code="ERDF"):
    return projects.save_fund(code=code, names={"lv": code, "lt": code, "en": code})


def project(code=None, total=Decimal("1000.00"), currency="EUR", **fields):
    return projects.create_project(
        code=code or f"P-{next(_seq)}",
        title_lv="Testa projekts",
        programme=fields.pop("programme") if "programme" in fields else programme(),
        start_date=fields.pop("start_date", date(2017, 5, 1)),
        end_date=fields.pop("end_date", date(2019, 4, 30)),
        total_amount=total,
        total_currency=currency,
        **fields,
    )


def user(username=None, **kwargs):
    return get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}", password="pw-test-123", **kwargs
    )


def partner_coordinator(organisation):
    coordinator = user()
    assign_role(user=coordinator, role=RoleAssignment.Role.PARTNER_COORDINATOR, organisation=organisation)
    return coordinator


def lean_team(organisation):
    member = user()
    assign_role(user=member, role=RoleAssignment.Role.LEAN_TEAM, organisation=organisation)
    return member


def programme_coordinator(project):
    coordinator = user()
    assign_role(user=coordinator, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=project)
    return coordinator


def employee(organisation, first_name="Darbinieks", last_name=None, **person_fields):
    from kopa.directory import services as directory_services

    person = directory_services.save_person(
        first_name=first_name, last_name=last_name or f"N{next(_seq)}", **person_fields
    )
    directory_services.save_position(person=person, organisation=organisation, titles={"lv": "Speciālists"})
    return person


def activity(project=None, organiser=None, status="open", kind="training", **fields):
    from datetime import date

    from kopa.activities import services as activity_services

    organiser = organiser or organisation(name="Organizators")
    created = activity_services.create_activity(
        organisers=[organiser],
        project=project,
        kind=kind,
        title_lv=fields.pop("title_lv", "Apmācības"),
        start_date=fields.pop("start_date", date(2018, 5, 29)),
        end_date=fields.pop("end_date", date(2018, 5, 30)),
        **fields,
    )
    if status != "planned":
        created = activity_services.set_status(activity=created, status=status)
    return created
