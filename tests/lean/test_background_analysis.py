"""With the database queue an upload returns at once; a worker analyses the log and stores the results."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from kopa.lean import services
from kopa.lean.models import EventLog
from tests.lean.test_analysis import LOG
from tests.lean.test_maps_and_services import STEPS, _service

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=QUEUE)
def test_the_upload_waits_for_a_worker_which_stores_the_results(client):
    service = _service()
    services.save_map(service=service, steps=STEPS)
    log = services.upload_event_log(service=service, data=LOG, name="Janvāris")
    assert (log.status, log.progress, log.results) == (EventLog.Status.WAITING, 0, None)
    html = client.get(f"/en/lean/services/{service.pk}/").content.decode()
    assert "No measured cases yet." in html

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    log.refresh_from_db()
    assert (log.status, log.progress) == (EventLog.Status.DONE, 100)
    assert log.results["cases"] == 3 and log.results["events"] == 10


@override_settings(TASKS=QUEUE)
def test_a_log_that_fails_in_the_worker_says_why():
    service = _service()
    log = services.upload_event_log(service=service, data=LOG, name="Janvāris")
    with open(log.file.path, "wb") as stored:  # the stored file was damaged after the upload was checked
        stored.write(b"case_id,activity\n1,a\n")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    log.refresh_from_db()
    assert log.status == EventLog.Status.FAILED and "timestamp" in log.error and log.results is None
