import csv
import io

import pytest
from django.utils import translation
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from kopa.activities import documents, services
from kopa.core.errors import DomainError
from kopa.projects import services as project_services
from tests import factories

pytestmark = pytest.mark.django_db

STATEMENT_LV = "Projektu līdzfinansē Eiropas Savienība (ERAF) Interreg V-A Latvijas–Lietuvas programmā."
STATEMENT_LT = "Projektą bendrai finansuoja Europos Sąjunga (ERPF) pagal Interreg V-A Latvijos–Lietuvos programą."


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _funded_activity():
    programme = project_services.save_programme(
        code="interreg-lv-lt",
        names={"lv": "Interreg", "lt": "Interreg", "en": "Interreg"},
        funding_statements={"lv": STATEMENT_LV, "lt": STATEMENT_LT, "en": "Co-financed by the EU (ERDF)."},
    )
    project = project_services.create_project(code="LLI-59", title_lv="Open Leadership", programme=programme)
    activity = factories.activity(project=project, kind="study_visit", title_lv="Pieredzes apmaiņa Utenā un Anīkščos")
    utena = factories.organisation(name="Utenos rajono savivaldybės administracija", country_code="LT")
    zilupe = factories.organisation(name="Zilupes novada pašvaldība")
    jurate = factories.employee(utena, first_name="Jūratė", last_name="Misiūnienė")
    jurate.language = "lt"
    jurate.save()
    ilze = factories.employee(zilupe, first_name="Ilze", last_name="Ķēniņa")
    return activity, [services.register(activity=activity, person=p) for p in (jurate, ilze)]


def test_the_sign_in_sheet_has_the_names_the_project_code_and_the_funding_statement():
    activity, _registrations = _funded_activity()
    with translation.override("lv"):
        text = _text(documents.sign_in_sheet(activity))
    for expected in ("Jūratė Misiūnienė", "Ilze Ķēniņa", "LLI-59", STATEMENT_LV, "Zilupes novada pašvaldība"):
        assert expected in text.replace("\n", " ") or expected in text


def test_a_certificate_is_only_for_those_who_attended_and_in_their_language():
    activity, (jurate, ilze) = _funded_activity()
    jurate = services.check_in(registration=jurate)
    text = _text(documents.certificate(jurate))
    assert "Jūratė Misiūnienė" in text and "LLI-59" in text
    assert "dalyvavimo pažymėjimas" in text.lower()  # her language is Lithuanian
    assert STATEMENT_LT.split(" ")[0] in text
    with pytest.raises(DomainError):
        documents.certificate(ilze)


def test_participant_exports_keep_diacritics_and_are_safe_against_formulas(client):
    activity, (jurate, _ilze) = _funded_activity()
    evil = factories.employee(jurate.organisation, first_name='=HYPERLINK("http://x")', last_name="Ļaunais")
    services.register(activity=activity, person=evil)
    admin = factories.user(is_superuser=True)
    client.force_login(admin)
    response = client.get(f"/lv/activities/{activity.pk}/participants/?format=csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert any("Misiūnienė" in row for row in rows)
    assert not any(cell.startswith("=") for row in rows for cell in row)
    response = client.get(f"/lv/activities/{activity.pk}/participants/")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Misiūnienė" in values and "Ķēniņa" in values
    project_export = client.get(f"/lv/activities/projects/{activity.project.pk}/participants/?format=csv")
    assert "Ķēniņa" in b"".join(project_export.streaming_content).decode("utf-8")


def test_exports_and_sheets_are_for_organisers_only(client):
    activity, _registrations = _funded_activity()
    client.force_login(factories.partner_coordinator(factories.organisation()))
    assert client.get(f"/lv/activities/{activity.pk}/participants/").status_code == 403
    assert client.get(f"/lv/activities/{activity.pk}/sign-in-sheet.pdf").status_code == 403


def test_calendars_list_the_activities(client):
    activity, _registrations = _funded_activity()
    calendar = Calendar.from_ical(client.get(f"/lv/activities/projects/{activity.project.pk}/calendar.ics").content)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert [str(e["summary"]) for e in events] == ["Pieredzes apmaiņa Utenā un Anīkščos"]
    assert events[0].decoded("dtstart") == activity.start_date
    single = Calendar.from_ical(client.get(f"/lv/activities/{activity.pk}/calendar.ics").content)
    assert len([c for c in single.walk() if c.name == "VEVENT"]) == 1


def test_a_scanned_code_checks_the_person_in(client):
    activity, (jurate, _ilze) = _funded_activity()
    client.force_login(factories.user(is_superuser=True))
    assert client.get(f"/lv/activities/{activity.pk}/registrations/{jurate.pk}/code.svg").status_code == 200
    client.post(f"/lv/activities/{activity.pk}/check-in/{jurate.token}/")
    jurate.refresh_from_db()
    assert jurate.status == "attended"
