"""Long exports leave the request (issue 15, item 3): over KOPA_EXPORT_THRESHOLD rows an export becomes a job with
a page of its own and a download kept for a while; small ones are sent at once; both write the same rows."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.utils import timezone
from openpyxl import load_workbook

from kopa.activities import services
from kopa.core.errors import DomainError
from kopa.exports.models import ExportJob
from kopa.exports.services import remove_expired_exports, start_export
from kopa.messaging import schedule
from kopa.messaging.models import Message
from tests import factories

pytestmark = pytest.mark.django_db


def _activity_with(count: int):
    """An activity of the project LLI-59 with `count` registrations: Lithuanian and Latvian names, and a name that
    a spreadsheet would run as a formula."""
    activity = factories.activity(project=factories.project(code="LLI-59"), capacity=None,
                                  title_lv="Pieredzes apmaiņa Utenā un Anīkščos")
    utena = factories.organisation(name="Utenos rajono savivaldybės administracija", country_code="LT")
    names = [("Jūratė", "Misiūnienė"), ("Ilze", "Ķēniņa"), ('=HYPERLINK("http://x")', "Ļaunais")][:count]
    names += [(f"Vārds{n}", f"Uzvārds{n}") for n in range(count - len(names))]
    for first, last in names:
        services.register(activity=activity, person=factories.employee(utena, first_name=first, last_name=last))
    return activity


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _xlsx_rows(content: bytes):
    return list(load_workbook(io.BytesIO(content)).active.values)


def _csv_rows(content: bytes):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _job_for(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/exports/" in response["Location"], response.status_code
    return ExportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_export_over_the_threshold_is_a_job_whose_file_has_the_rows_of_the_immediate_export(
        client, settings, file_format):
    activity = _activity_with(4)
    admin = factories.user(is_superuser=True)
    client.force_login(admin)
    url = f"/lv/activities/{activity.pk}/participants/?format={file_format}"

    settings.KOPA_EXPORT_THRESHOLD = 10
    immediate = client.get(url)
    assert immediate.status_code == 200 and not ExportJob.objects.exists()

    settings.KOPA_EXPORT_THRESHOLD = 3
    job = _job_for(client, url)
    assert (job.state, job.rows_done, job.rows_total, job.requested_by) == ("done", 4, 4, admin)
    kept = job.expires_at - job.created_at
    assert abs(kept - timedelta(hours=settings.KOPA_EXPORT_KEEP_HOURS)) < timedelta(minutes=1)
    page = client.get(f"/lv/exports/{job.pk}/").content.decode()
    assert "Lejupielādēt failu (4 rindas)" in page and 'http-equiv="refresh"' not in page
    download = client.get(f"/lv/exports/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith(f'filename="participants-{activity.pk}.{file_format}"')

    read = _csv_rows if file_format == "csv" else _xlsx_rows
    content = _body(download)
    rows = read(content)
    assert rows == read(_body(immediate))
    assert len(rows) == 5 and rows[0][0] == "Aktivitāte"
    cells = [str(cell) for row in rows for cell in row if cell is not None]
    assert "Misiūnienė" in cells and "Ķēniņa" in cells and "Speciālists" in cells  # the position, in Latvian
    assert any(cell.startswith("Utenos rajono savivaldybės administracija") for cell in cells)
    if file_format == "csv":
        assert not any(cell.startswith("=") for cell in cells)
        assert "'=HYPERLINK(\"http://x\")" in cells
    else:  # text stays text, never a formula
        assert '=HYPERLINK("http://x")' in cells
        sheet = load_workbook(io.BytesIO(content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_project_participants_the_project_list_and_a_survey_become_jobs_too(client, settings):
    activity = _activity_with(3)
    client.force_login(factories.user(is_superuser=True))
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, f"/lv/activities/projects/{activity.project.pk}/participants/?format=csv")
    assert job.kind == "participants.project" and job.state == "done" and job.rows_total == 3
    for code in ("P-1", "P-2"):
        factories.project(code=code)
    settings.KOPA_EXPORT_THRESHOLD = 1
    job = _job_for(client, "/lv/projects/export/?format=xlsx")
    assert job.kind == "projects.list" and job.state == "done"
    rows = _xlsx_rows(_body(client.get(f"/lv/exports/{job.pk}/download/")))
    assert {"P-1", "P-2"} <= {row[0] for row in rows}


def test_a_survey_export_over_the_threshold_is_a_job_with_the_rows_of_the_immediate_one(client, settings):
    from tests.surveys.test_results import answered

    survey, _a, _b = answered.__wrapped__()
    client.force_login(factories.programme_coordinator(survey.project))
    immediate = _csv_rows(_body(client.get(f"/lv/surveys/{survey.pk}/export.csv")))
    settings.KOPA_EXPORT_THRESHOLD = 3
    job = _job_for(client, f"/lv/surveys/{survey.pk}/export.csv")
    # four responses asked for; the anonymity rule (fewer than the minimum) holds in the job as in the request
    assert job.kind == "surveys.responses" and job.state == "done" and job.rows_total == len(immediate) - 1
    assert _csv_rows(_body(client.get(f"/lv/exports/{job.pk}/download/"))) == immediate


def test_a_visitor_signed_out_gets_a_long_public_list_as_a_job_of_their_session_only(client, settings, mailoutbox):
    for code in ("P-1", "P-2"):
        factories.project(code=code)
    immediate = _csv_rows(_body(client.get("/lv/projects/export/?format=csv")))
    settings.KOPA_EXPORT_THRESHOLD = 1
    job = _job_for(client, "/lv/projects/export/?format=csv")
    assert job.requested_by is None and job.state == "done" and job.rows_total == 2
    page = client.get(f"/lv/exports/{job.pk}/").content.decode()
    assert "e-pastu" not in page and f"/lv/exports/{job.pk}/download/" in page  # no e-mail promised to no one
    assert _csv_rows(_body(client.get(f"/lv/exports/{job.pk}/download/"))) == immediate
    assert f"/lv/exports/{job.pk}/" in client.get("/lv/exports/").content.decode()
    assert not mailoutbox and not Message.objects.exists()

    other = Client()  # another visitor's browser
    assert other.get(f"/lv/exports/{job.pk}/").status_code == 404
    assert other.get(f"/lv/exports/{job.pk}/download/").status_code == 404
    assert f"/lv/exports/{job.pk}/" not in other.get("/lv/exports/").content.decode()

    signed_in = factories.user()
    client.force_login(signed_in)  # signing in keeps the session's exports
    assert client.get(f"/lv/exports/{job.pk}/").status_code == 200


def test_visitors_signed_out_cannot_fill_the_queue_and_are_told_so(client, settings):
    factories.project(code="P-1"), factories.project(code="P-2")
    settings.KOPA_EXPORT_THRESHOLD, settings.KOPA_EXPORT_PUBLIC_QUEUE = 1, 1
    ExportJob.objects.create(kind="projects.list", parameters={"query": ""}, language="lv", label="Projekti",
                             filename="projects", expires_at=timezone.now() + timedelta(hours=1))  # still waiting
    response = client.get("/lv/projects/export/?format=csv", HTTP_REFERER="http://testserver/lv/projects/", follow=True)
    assert response.redirect_chain[0] == ("http://testserver/lv/projects/", 302)
    assert "Pašlaik tiek sagatavoti daudzi eksporti" in response.content.decode()
    assert ExportJob.objects.count() == 1

    client.force_login(factories.user())  # someone signed in is not held back by visitors
    assert _job_for(client, "/lv/projects/export/?format=csv").requested_by is not None


def test_a_visitor_signed_out_cannot_have_a_job_of_what_only_organisers_see():
    activity = _activity_with(1)
    with pytest.raises(DomainError):
        start_export(kind="participants.activity", parameters={"activity": activity.pk}, file_format="csv",
                     label="Dalībnieki", filename="participants", rows=5000, by=AnonymousUser())
    assert not ExportJob.objects.exists()


def test_only_the_one_who_asked_and_administrators_see_a_job_and_the_download_asks_permission_again(client, settings):
    activity = _activity_with(3)
    coordinator = factories.programme_coordinator(activity.project)
    client.force_login(coordinator)
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, f"/lv/activities/{activity.pk}/participants/")

    client.force_login(factories.partner_coordinator(factories.organisation()))
    assert client.get(f"/lv/exports/{job.pk}/").status_code == 404
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 404
    assert f"/lv/exports/{job.pk}/" not in client.get("/lv/exports/").content.decode()

    client.force_login(factories.user(is_superuser=True))
    assert client.get(f"/lv/exports/{job.pk}/").status_code == 200
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 200

    client.force_login(coordinator)
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 200
    coordinator.roles.all().delete()  # no longer coordinates the project
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 403
    client.logout()
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 404  # not this visitor's session's


def test_the_person_is_told_by_email_when_the_export_is_ready(client, settings):
    activity = _activity_with(3)
    admin = factories.user(is_superuser=True, email="koordinatore@example.lv")
    client.force_login(admin)
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, f"/lv/activities/{activity.pk}/participants/")
    message = Message.objects.get(kind="export_ready", user=admin)
    assert message.to_address == "koordinatore@example.lv" and message.key == f"export_ready:{job.pk}"
    assert f"/exports/{job.pk}/" in message.body_text and job.label in message.body_text


def _running_job(user, done=150, total=600):
    return ExportJob.objects.create(
        requested_by=user, kind="participants.activity", parameters={"activity": 1}, file_format="xlsx",
        language="lv", label="Dalībnieki: Seminārs", filename="participants-1", state=ExportJob.State.RUNNING,
        rows_done=done, rows_total=total, started_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=48))


def test_the_page_of_a_running_job_shows_its_progress_and_refreshes_itself_in_a_fixed_number_of_queries(
        client, django_assert_num_queries):
    user = factories.user()
    job = _running_job(user)
    client.force_login(user)
    client.get("/lv/exports/")  # the session is read once before counting
    with django_assert_num_queries(3):  # session, user, the job
        page = client.get(f"/lv/exports/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert 'value="25"' in page and "150 no 600 rindām" in page and "Tiek sagatavots" in page
    assert "/download/" not in page
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 302  # not ready: back to its page
    for _n in range(30):
        _running_job(user)
    with django_assert_num_queries(4):  # session, user, a count and the page of jobs, however many there are
        mine = client.get("/lv/exports/").content.decode()
    assert "Mani eksporti" in mine and "(25 %)" in mine


def test_the_job_page_reads_in_lithuanian(client):
    user = factories.user()
    job = _running_job(user)
    client.force_login(user)
    page = client.get(f"/lt/exports/{job.pk}/").content.decode()
    assert "Eksportas ruošiamas fone" in page and "150 iš 600 eilučių" in page and "Mano eksportai" in page


@pytest.mark.django_db(transaction=True)  # the file is removed once the removal has committed
def test_an_expired_export_loses_its_file_and_its_link_says_so(client, settings):
    activity = _activity_with(3)
    client.force_login(factories.user(is_superuser=True))
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, f"/lv/activities/{activity.pk}/participants/?format=csv")
    stored = job.file.name
    assert stored and default_storage.exists(stored)

    assert remove_expired_exports(timezone.now()) == 0  # kept for 48 hours
    report = schedule.run(timezone.now() + timedelta(hours=settings.KOPA_EXPORT_KEEP_HOURS, minutes=1))
    assert "expired_exports: 1 expired export file(s) removed" in report
    assert not default_storage.exists(stored)
    job.refresh_from_db()
    assert job.state == "expired" and not job.file
    gone = client.get(f"/lv/exports/{job.pk}/download/")
    assert gone.status_code == 410
    assert "Eksporta glabāšanas laiks beidzies" in gone.content.decode()
    assert "Pieprasiet eksportu vēlreiz" in client.get(f"/lv/exports/{job.pk}/").content.decode()
    assert remove_expired_exports(timezone.now() + timedelta(days=30)) == 0  # run twice: nothing more


def test_a_done_job_whose_file_went_missing_answers_gone(client, settings):
    activity = _activity_with(3)
    client.force_login(factories.user(is_superuser=True))
    settings.KOPA_EXPORT_THRESHOLD = 2
    job = _job_for(client, f"/lv/activities/{activity.pk}/participants/")
    default_storage.delete(job.file.name)
    assert client.get(f"/lv/exports/{job.pk}/download/").status_code == 410


@override_settings(KOPA_EXPORT_THRESHOLD=1)
def test_an_export_of_a_deleted_activity_fails_with_a_reason(client):
    from kopa.exports import services as exports

    user = factories.user(is_superuser=True)
    exports.start_export(kind="participants.activity", parameters={"activity": 0}, file_format="csv",
                         label="Dalībnieki", filename="participants-0", rows=3, by=user)
    job = ExportJob.objects.get()
    assert job.state == "failed" and job.reason == "Jums vairs nav tiesību to eksportēt."


# Surviving a worker restart, as tests/jobs does: the job claimed by a worker whose heartbeat stopped -------------

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued_job(client, activity):
    with override_settings(TASKS=QUEUE, KOPA_EXPORT_THRESHOLD=2):
        job = _job_for(client, f"/lv/activities/{activity.pk}/participants/?format=csv")
    assert job.state == "queued" and job.rows_total == 3  # counted when asked; nobody has written it yet
    return job


def _killed_while_writing(job, worker_id: str):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from kopa.jobs.models import Heartbeat

    task = DBTaskResult.objects.get(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    task.claim(worker_id)
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.RUNNING, rows_done=2,
                                               started_at=timezone.now())
    Heartbeat.objects.update_or_create(worker_id=worker_id, defaults={
        "started_at": timezone.now() - timedelta(hours=1), "seen_at": timezone.now() - timedelta(minutes=10)})
    return task


@pytest.mark.django_db(transaction=True)  # the worker closes old connections, as in production
@override_settings(TASKS=QUEUE)
def test_an_export_left_by_a_killed_worker_is_written_again_by_the_next_one(client):
    from django.core.management import call_command

    from kopa.jobs.services import recover_jobs

    activity = _activity_with(3)
    client.force_login(factories.user(is_superuser=True))
    job = _queued_job(client, activity)
    assert "Gaida" in client.get(f"/lv/exports/{job.pk}/").content.decode()
    _killed_while_writing(job, "killed-1")

    assert recover_jobs() == {"retried": 1, "failed": 0}
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert (job.state, job.rows_done) == ("done", 3)
    rows = _csv_rows(_body(client.get(f"/lv/exports/{job.pk}/download/")))
    assert len(rows) == 4 and any("Misiūnienė" in row for row in rows)


@pytest.mark.django_db(transaction=True)  # the worker closes old connections, as in production
@override_settings(TASKS=QUEUE, KOPA_JOB_ATTEMPTS=2)
def test_an_export_whose_workers_keep_dying_is_failed_with_a_reason_its_page_shows(client):
    from kopa.jobs.services import recover_jobs

    activity = _activity_with(3)
    client.force_login(factories.user(is_superuser=True))
    job = _queued_job(client, activity)
    _killed_while_writing(job, "killed-1")
    assert recover_jobs()["retried"] == 1
    _killed_while_writing(job, "killed-2")

    assert recover_jobs() == {"retried": 0, "failed": 1}

    job.refresh_from_db()
    assert job.state == "failed" and not job.file
    page = client.get(f"/lv/exports/{job.pk}/").content.decode()
    assert "Neizdevās" in page and "Eksports apturēts: fona process" in page and 'http-equiv="refresh"' not in page
