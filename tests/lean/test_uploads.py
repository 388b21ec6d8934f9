"""An event log of any order and in any of the accepted wrappings — plain, .csv.gz, .xes.gz, one file in a .zip — is
analysed alike; a wrong archive is refused before anything is stored; the log is parsed once, by the analysis, and
with a queue backend not at all in the request; the administrator's limit applies to the file and to what it unpacks
into, and the upload's address accepts a request that large."""

import gzip
import io
import os
import random
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from kopa.lean import analysis
from kopa.lean.models import EventLog
from tests import factories
from tests.lean.test_analysis import LOG, XES
from tests.lean.test_maps_and_services import _service

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _generated_log(cases: int = 400, seed: int = 5) -> list[str]:
    """Cases of six to twelve steps with loops back and equal timestamps (dates only, now and then)."""
    rng = random.Random(seed)
    rows = []
    for case in range(cases):
        minute = rng.randint(0, 100_000)
        for position in range(rng.randint(6, 12)):
            minute += rng.choice((0, 0, 5, 60, 1440))  # equal times keep the order of the file
            activity = f"A{max(0, position - 2) if rng.random() < 0.1 else position:02d}"
            day, rest = divmod(minute, 1440)
            rows.append(f"K{case:05d},{activity},2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d} "
                        f"{rest // 60:02d}:{rest % 60:02d}:00\n")
    return rows


def test_a_shuffled_log_gives_the_same_analysis_as_the_sorted_one():
    rows = _generated_log()
    header = "case_id,activity,timestamp\n"
    # Shuffled, but each case's events keep their relative order: equal timestamps then tie the same way.
    rng = random.Random(11)
    keys = sorted(range(len(rows)), key=lambda _i: rng.random())
    by_case: dict[str, list[str]] = {}
    for row in rows:
        by_case.setdefault(row.split(",")[0], []).append(row)
    queues = {case: iter(events) for case, events in by_case.items()}
    shuffled = [next(queues[rows[i].split(",")[0]]) for i in keys]
    sorted_result = analysis.analyse(analysis.read_event_log((header + "".join(rows)).encode())).as_dict()
    shuffled_result = analysis.analyse(analysis.read_event_log((header + "".join(shuffled)).encode())).as_dict()
    assert shuffled_result == sorted_result
    assert sorted_result["cases"] == 400 and sorted_result["variant_count"] > 10


def _gz(data: bytes) -> bytes:
    return gzip.compress(data)


def _zip(*members: tuple[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def _stored_files() -> int:
    folder = os.path.join(settings.MEDIA_ROOT, "event-logs")
    return sum(len(files) for _root, _dirs, files in os.walk(folder))


@pytest.fixture
def team_service(client):
    own = factories.organisation()
    service = _service(own)
    client.force_login(factories.partner_coordinator(own))
    return service


def _upload(client, service, name: str, data: bytes, **extra):
    return client.post(f"/en/lean/services/{service.pk}/event-logs/",
                       {"name": "Marts", "file": SimpleUploadedFile(name, data)}, **extra)


@pytest.mark.parametrize(("name", "data", "plain"), [
    ("marts.csv.gz", _gz(LOG), LOG),
    ("marts.zip", _zip(("eksports/marts.csv", LOG)), LOG),
    ("marts.xes.gz", _gz(XES), XES),
    ("marts.zip", _zip(("marts.xes", XES), ("__MACOSX/._marts.xes", b"\x00\x05")), XES),
])
def test_compressed_logs_are_accepted_and_analysed_as_the_plain_ones(client, team_service, name, data, plain):
    response = _upload(client, team_service, name, data)
    assert response.status_code == 302
    log = EventLog.objects.get()
    assert log.status == EventLog.Status.DONE
    assert log.results == analysis.analyse(analysis.read_event_log(plain)).as_dict()


@pytest.mark.parametrize(("name", "data", "words"), [
    ("two.zip", _zip(("a.csv", LOG), ("b.csv", LOG)), "holds several files (2)"),
    ("none.zip", _zip(), "holds no file"),
    ("folder.zip", _zip(("../../etc/marts.csv", LOG)), "unsafe name"),
    ("inner.zip", _zip(("marts.zip", _zip(("marts.csv", LOG)))), "must be a CSV or XES"),
    ("huge.zip", _zip(("marts.csv", LOG + b"A,check,2024-01-05 10:00,officer\n" * 40_000)), "larger than 1 MB"),
    ("marts.zip", LOG, "not a readable ZIP archive"),
    ("marts.csv.gz", LOG, "not a gzip-compressed file"),
    ("huge.csv.gz", _gz(LOG + b"A,check,2024-01-05 10:00,officer\n" * 40_000), "larger than 1 MB"),
    ("marts.csv.gz", _gz(b"case_id,activity\n1,a\n"), "timestamp"),
    ("marts.exe", LOG, "not allowed"),
])
@override_settings(KOPA_LEAN_MAX_UPLOAD_MB=1)
def test_a_wrong_archive_is_refused_with_its_reason_and_nothing_is_stored(client, team_service, name, data, words):
    before = _stored_files()
    response = _upload(client, team_service, name, data)
    html = response.content.decode()
    assert response.status_code == 200 and words in html
    assert not EventLog.objects.exists() and _stored_files() == before


def test_a_refusal_is_in_latvian_on_a_latvian_page(client, team_service):
    two = SimpleUploadedFile("two.zip", _zip(("a.csv", LOG), ("b.csv", LOG)))
    response = client.post(f"/lv/lean/services/{team_service.pk}/event-logs/", {"name": "Marts", "file": two})
    assert response.status_code == 200 and not EventLog.objects.exists()
    assert "ZIP arhīvā ir vairāki faili (2)" in response.content.decode()


@override_settings(KOPA_LEAN_MAX_UPLOAD_MB=1)
def test_a_gzip_that_hides_its_size_is_stopped_while_unpacking(client, team_service):
    # Two gzip members: the size at the end of the file is the small last one's, so the request lets it through;
    # unpacking counts every byte and stops at the limit, and the measurement says why.
    big = _gz(LOG + b"A,check,2024-01-05 10:00,officer\n" * 40_000) + _gz(b"B,check,2024-01-06 10:00,officer\n")
    response = _upload(client, team_service, "marts.csv.gz", big, follow=True)
    log = EventLog.objects.get()
    assert log.status == EventLog.Status.FAILED and "larger than 1 MB" in log.error
    assert "could not be analysed" in response.content.decode()


def test_a_gzip_of_several_members_is_unpacked_whole(client, team_service):
    # `cat a.gz b.gz` (and zero padding after it, as some tape and block tools leave) is one valid gzip file.
    extra = b"D,submit,2024-01-05 09:00,clerk\nD,approve,2024-01-05 11:00,head\n"
    data = _gz(LOG) + _gz(extra) + b"\0" * 512
    assert _upload(client, team_service, "marts.csv.gz", data).status_code == 302
    log = EventLog.objects.get()
    assert log.status == EventLog.Status.DONE
    assert log.results == analysis.analyse(analysis.read_event_log(LOG + extra)).as_dict()


@pytest.mark.parametrize("damage", [
    lambda data: data[:-20],  # cut off before the end of its member
    lambda data: data[:-8] + b"\x00\x00\x00\x00" + data[-4:],  # a wrong checksum
    lambda data: data + b"no\x10\x00\x00\x00",  # something else after the last member (its end reads as a size)
])
def test_a_damaged_gzip_fails_with_its_reason(client, team_service, damage):
    long_log = LOG + b"A,check,2024-01-05 10:00,officer\n" * 3_000  # long enough that the head is not the end
    response = _upload(client, team_service, "marts.csv.gz", damage(_gz(long_log)), follow=True)
    log = EventLog.objects.get()
    assert log.status == EventLog.Status.FAILED and "damaged" in log.error
    assert "could not be analysed" in response.content.decode()


@override_settings(KOPA_LEAN_MAX_UPLOAD_MB=1)
def test_the_administrators_limit_applies_to_the_file(client, team_service):
    large = LOG + b"A,check,2024-01-05 10:00,officer\n" * 40_000  # 1.3 MB
    response = _upload(client, team_service, "marts.csv", large)
    assert response.status_code == 200 and "at most 1 MB" in response.content.decode()
    assert not EventLog.objects.exists()
    with override_settings(KOPA_LEAN_MAX_UPLOAD_MB=2):
        assert _upload(client, team_service, "marts.csv", large).status_code == 302
    assert EventLog.objects.get().results["events"] == 40_010


@override_settings(KOPA_MAX_REQUEST_BYTES=64 * 1024, KOPA_LEAN_MAX_UPLOAD_MB=1)
def test_the_upload_address_takes_a_request_as_large_as_the_lean_limit(client, team_service):
    log = LOG + b"A,check,2024-01-05 10:00,officer\n" * 5_000  # 170 KB: over the site's limit, under LEAN's
    assert _upload(client, team_service, "marts.csv", log).status_code == 302
    elsewhere = client.post(f"/en/lean/services/{team_service.pk}/improvements/",
                            {"title": "x", "file": SimpleUploadedFile("marts.csv", log)})
    assert elsewhere.status_code == 413
    too_large = LOG + b"A,check,2024-01-05 10:00,officer\n" * 70_000  # 2.3 MB: over LEAN's limit and its margin
    assert _upload(client, team_service, "marts.csv", too_large).status_code == 413


def test_an_upload_is_parsed_once(client, team_service):
    before = analysis.parse_count()
    assert _upload(client, team_service, "marts.csv.gz", _gz(LOG)).status_code == 302
    assert EventLog.objects.get().status == EventLog.Status.DONE
    assert analysis.parse_count() == before + 1


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=QUEUE)
def test_with_a_queue_the_upload_returns_before_parsing_and_the_page_shows_it_waiting(client, team_service):
    before = analysis.parse_count()
    response = _upload(client, team_service, "marts.zip", _zip(("marts.csv", LOG)), follow=True)
    assert analysis.parse_count() == before  # the request read only the archive's contents and the log's head
    html = response.content.decode()
    assert "being analysed" in html and "waiting for analysis" in html
    assert EventLog.objects.get().status == EventLog.Status.WAITING

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert analysis.parse_count() == before + 1
    log = EventLog.objects.get()
    assert log.status == EventLog.Status.DONE and log.results["cases"] == 3
