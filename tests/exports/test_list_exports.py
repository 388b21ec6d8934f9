"""Every long download of a list is an export job (issue 15, item 3) whose file is what the list's page shows: the
organiser's registration list, the public activity list, the audit history and the project list read their filters
and sort with the one function their page calls, and the job writes, for the person who asked, the rows and
contacts that person may see. Small ones are still sent at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kopa.activities import services
from kopa.activities.models import Registration
from kopa.audit import acting, log_action
from kopa.exports.models import ExportJob
from kopa.topics import services as topics
from tests import factories
from tests.exports.test_export_jobs import _body, _csv_rows, _job_for, _xlsx_rows

pytestmark = pytest.mark.django_db


def _read(file_format):
    return _csv_rows if file_format == "csv" else _xlsx_rows


def _column(rows, heading):
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


# The organiser's registration list ----------------------------------------------------------------------------

@pytest.fixture
def registrations():
    """An activity organised by a planning region: two of its own staff and two of a municipality's, one of them
    waiting for a seat (capacity 3), each with an e-mail address."""
    region = factories.organisation(name="Latgales plānošanas reģions")
    balvi = factories.organisation(name="Balvu novada pašvaldība")
    activity = factories.activity(organiser=region, capacity=3, title_lv="Pieredzes apmaiņa Balvos")
    people = [(region, "Inese", "Zariņa", "inese"), (balvi, "Jānis", "Bērziņš", "janis"),
              (region, "Anna", "Ozola", "anna"), (balvi, "Ilze", "Kalna", "ilze")]
    for organisation, first, last, mailbox in people:
        person = factories.employee(organisation, first_name=first, last_name=last, email=f"{mailbox}@example.lv")
        services.register(activity=activity, person=person)
    return {"activity": activity, "region": region, "balvi": balvi}


def _registrations_url(activity, query=""):
    return f"/en/activities/{activity.pk}/registrations/{query}"


def _page_names(client, activity, query):
    """The people the page lists for `query`, in its order."""
    response = client.get(_registrations_url(activity, query))
    assert response.status_code == 200
    return [(row.registration.person.first_name, row.registration.person.last_name)
            for row in response.context["page"].object_list]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_long_registration_list_is_a_job_with_the_pages_rows_in_the_pages_order_and_filters(
        client, settings, registrations, file_format):
    activity = registrations["activity"]
    client.force_login(factories.user(is_superuser=True))
    query = f"?status=confirmed&sort=-name&format={file_format}"
    expected = _page_names(client, activity, "?status=confirmed&sort=-name")
    assert expected == [("Inese", "Zariņa"), ("Anna", "Ozola"), ("Jānis", "Bērziņš")]  # Kalna waits: left out

    immediate = client.get(_registrations_url(activity, query))
    assert immediate.status_code == 200 and not ExportJob.objects.exists()  # small: at once, as before
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, _registrations_url(activity, query))
    assert (job.kind, job.state, job.rows_total) == ("registrations.activity", "done", 3)
    assert job.label == "Registrations: Pieredzes apmaiņa Balvos"
    download = client.get(f"/en/exports/{job.pk}/download/")
    assert download["Content-Disposition"].endswith(f'filename="registrations-{activity.pk}.{file_format}"')

    rows = _read(file_format)(_body(download))
    assert rows == _read(file_format)(_body(immediate))
    assert list(zip(_column(rows, "First name"), _column(rows, "Last name"), strict=True)) == expected
    assert _column(rows, "E-mail") == ["inese@example.lv", "anna@example.lv", "janis@example.lv"]


def test_the_jobs_workbook_is_the_registration_lists_own_frozen_filtered_and_sized(client, settings, registrations):
    client.force_login(factories.user(is_superuser=True))
    settings.KOPA_EXPORT_THRESHOLD = 1
    job = _job_for(client, _registrations_url(registrations["activity"], "?format=xlsx&sort=queue"))
    sheet = load_workbook(job.file.open("rb")).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.endswith("5")  # a header and four rows
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width
    assert sheet.cell(2, 1).value == 1 and sheet.cell(2, 4).value == "Kalna"  # the waiting list first


def test_the_job_hides_the_contacts_the_page_hides_from_the_one_who_asked(client, settings, registrations):
    """A coordinator of the organising region sees everyone registered, but only their own staff's e-mails."""
    client.force_login(factories.partner_coordinator(registrations["region"]))
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, _registrations_url(registrations["activity"], "?sort=name&format=csv"))
    rows = _csv_rows(_body(client.get(f"/en/exports/{job.pk}/download/")))
    assert _column(rows, "Last name") == ["Bērziņš", "Kalna", "Ozola", "Zariņa"]
    assert _column(rows, "E-mail") == ["", "", "anna@example.lv", "inese@example.lv"]


def test_a_partner_coordinator_s_job_holds_only_their_own_staff_as_their_page_does(client, settings,
                                                                                  registrations):
    activity = registrations["activity"]
    coordinator = factories.partner_coordinator(registrations["balvi"])  # registers colleagues; not an organiser
    client.force_login(coordinator)
    expected = _page_names(client, activity, "?sort=name")
    assert expected == [("Jānis", "Bērziņš"), ("Ilze", "Kalna")]
    settings.KOPA_EXPORT_THRESHOLD = 1
    job = _job_for(client, _registrations_url(activity, "?sort=name&format=csv"))
    rows = _csv_rows(_body(client.get(f"/en/exports/{job.pk}/download/")))
    assert list(zip(_column(rows, "First name"), _column(rows, "Last name"), strict=True)) == expected
    assert _column(rows, "E-mail") == ["janis@example.lv", "ilze@example.lv"]


def test_the_registration_lists_job_is_refused_to_others_and_to_its_asker_once_their_rights_are_gone(
        client, settings, registrations):
    coordinator = factories.partner_coordinator(registrations["region"])
    client.force_login(coordinator)
    settings.KOPA_EXPORT_THRESHOLD = 1
    job = _job_for(client, _registrations_url(registrations["activity"], "?format=xlsx"))
    assert client.get(f"/en/exports/{job.pk}/download/").status_code == 200

    client.force_login(factories.partner_coordinator(registrations["balvi"]))  # may see part of the list: not this
    assert client.get(f"/en/exports/{job.pk}/download/").status_code == 404
    client.force_login(coordinator)
    coordinator.roles.all().delete()
    assert client.get(f"/en/exports/{job.pk}/download/").status_code == 403
    # Nor may they ask for it any more.
    assert client.get(_registrations_url(registrations["activity"], "?format=xlsx")).status_code == 403
    assert ExportJob.objects.count() == 1


def test_a_cancelled_registration_is_in_the_job_only_where_the_page_lists_it(client, settings, registrations):
    activity = registrations["activity"]
    Registration.objects.filter(activity=activity, person__last_name="Ozola").update(status="cancelled")
    client.force_login(factories.user(is_superuser=True))
    settings.KOPA_EXPORT_THRESHOLD = 0
    job = _job_for(client, _registrations_url(activity, "?status=cancelled&format=csv"))
    assert _column(_csv_rows(_body(client.get(f"/en/exports/{job.pk}/download/"))), "Last name") == ["Ozola"]


# The public activity list ------------------------------------------------------------------------------------

@pytest.fixture
def activities():
    from datetime import date

    project = factories.project(code="LLI-77")
    for title, day in [("Seminārs par mobilitāti", date(2019, 3, 1)), ("Seminārs par ūdeni", date(2018, 4, 2)),
                       ("Apmācības grāmatvežiem", date(2018, 9, 3)), ("Seminārs Utenā", date(2020, 1, 4))]:
        factories.activity(project=project, title_lv=title, start_date=day, end_date=day)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_long_activity_list_is_a_job_with_the_pages_activities_in_the_pages_order(client, settings, activities,
                                                                                    file_format):
    client.force_login(factories.user())
    page = client.get("/lv/activities/?q=Seminārs&sort=date")
    expected = [activity.title for activity in page.context["page"].object_list]
    assert expected == ["Seminārs par ūdeni", "Seminārs par mobilitāti", "Seminārs Utenā"]

    url = f"/lv/activities/?q=Seminārs&sort=date&format={file_format}"
    immediate = client.get(url)
    assert immediate.status_code == 200 and not ExportJob.objects.exists()
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, url)
    assert (job.kind, job.state, job.rows_total, job.parameters) == (
        "activities.list", "done", 3, {"query": "q=Semin%C4%81rs&sort=date"})
    rows = _read(file_format)(_body(client.get(f"/lv/exports/{job.pk}/download/")))
    assert rows == _read(file_format)(_body(immediate))
    assert _column(rows, "Aktivitāte") == expected


def test_someone_signed_out_gets_a_long_public_activity_list_as_a_job_with_the_rows_of_the_immediate_one(
        client, settings, activities):
    immediate = _csv_rows(_body(client.get("/lv/activities/?format=csv")))
    settings.KOPA_EXPORT_THRESHOLD = 1
    response = client.get("/lv/activities/?format=csv")
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.requested_by is None and response["Location"] == f"/lv/exports/{job.pk}/"
    assert _csv_rows(_body(client.get(f"/lv/exports/{job.pk}/download/"))) == immediate
    assert "Seminārs Utenā" in _column(immediate, "Aktivitāte")


# The audit history --------------------------------------------------------------------------------------------

@pytest.fixture
def admin():
    return factories.user(is_superuser=True)


def _added_topics(admin, count):
    with acting(channel="page"):
        for number in range(count):
            topics.add_topic(by=admin, name_lv=f"Tēma ā {number}")


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_long_audit_trail_is_a_job_with_the_entries_the_page_lists(client, settings, admin, file_format):
    _added_topics(admin, 3)
    client.force_login(admin)
    page = client.get(reverse("audit:everything"), {"action": "topics.add"})
    expected = [row.entry.pk for row in page.context["rows"]]
    assert len(expected) == 3

    url = reverse("audit:everything") + f"?action=topics.add&format={file_format}"
    immediate = client.get(url)
    assert immediate.status_code == 200 and not ExportJob.objects.exists()
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, url)
    assert (job.kind, job.state, job.rows_total) == ("audit.history", "done", 3)
    assert job.filename == "kopa-audit-trail"
    rows = _read(file_format)(_body(client.get(f"/lv/exports/{job.pk}/download/")))
    assert rows == _read(file_format)(_body(immediate))
    assert len(rows) == 4 and {row[5] for row in rows[1:]} == {"topics.add_topic"}  # the filter held
    assert [str(number) for number in _column(rows, rows[0][2])] == [str(admin.pk)] * 3


def test_an_objects_history_job_is_masked_for_its_coordinator_and_refused_to_others(client, settings):
    from django.utils import timezone

    from kopa.audit.models import Entry, PersonalValue
    from kopa.directory.models import Person

    project = factories.project(code="HIST-2")
    activity = factories.activity(project=project)
    coordinator = factories.programme_coordinator(project)
    log_action(activity, "activities.retitle", changes={"title_lv": {"old": "Vecais", "new": "Jaunais"}})
    # A registrant's name changed inside the project: the entry says so, the vault holds the values.
    entry = Entry.objects.create(at=timezone.now(), actor_label="system", actor_kind="system", channel="import",
                                 action="activities.update_registration", model="activities.registration",
                                 object_id="9001", object_label="Registration #9001", project_id=project.pk,
                                 changes={"first_name": {"personal": True}})
    person = Person.objects.create(first_name="Ilze", last_name="Bērziņa")
    PersonalValue.objects.create(entry=entry, person_id=person.pk, field="first_name", old="Ilze", new="Ilze Anna")
    url = reverse("audit:object", args=["projects.project", project.pk]) + "?format=csv"
    client.force_login(coordinator)
    immediate = _body(client.get(url)).decode("utf-8-sig")
    settings.KOPA_EXPORT_THRESHOLD = 1
    job = _job_for(client, url)
    assert job.parameters == {"model": "projects.project", "object_id": str(project.pk), "query": ""}
    assert job.label == "Izmaiņu vēsture: HIST-2 Testa projekts"  # as the page heading reads
    text = _body(client.get(f"/lv/exports/{job.pk}/download/")).decode("utf-8-sig")
    assert text == immediate
    assert "Jaunais" in text and "Ilze Anna" not in text  # the personal value stays hidden, as on the page

    client.force_login(factories.programme_coordinator(factories.project(code="HIST-3")))
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 404
    client.force_login(coordinator)
    coordinator.roles.all().delete()
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 403


def test_the_audit_download_never_counts_the_whole_trail_in_the_request(client, admin):
    _added_topics(admin, 3)
    client.force_login(admin)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("audit:everything"), {"format": "csv"})
        _body(response)
    counts = [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts), counts


# The project list: its page and its job read the filters with the same function -------------------------------

def test_a_filtered_project_list_job_holds_the_projects_its_page_lists(client, settings):
    from kopa.projects.models import Project

    for code, title in [("EST-LAT-1", "Ūdens kvalitāte"), ("EST-LAT-2", "Ūdens tūrisms"), ("LLI-3", "Ceļi")]:
        Project.objects.filter(pk=factories.project(code=code).pk).update(title_lv=title, title=title)
    client.force_login(factories.user())
    expected = [project.code for project in client.get("/lv/projects/?q=Ūdens").context["page"].object_list]
    assert sorted(expected) == ["EST-LAT-1", "EST-LAT-2"]
    settings.KOPA_EXPORT_THRESHOLD = 1
    job = _job_for(client, "/lv/projects/export/?q=Ūdens&format=csv")
    rows = _csv_rows(_body(client.get(f"/lv/exports/{job.pk}/download/")))
    assert [row[0] for row in rows[1:]] == expected
