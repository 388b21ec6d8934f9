"""Benchmark: the participant export (issue 15, item 3) — today's writer path against the new one, and the export
job: the request that starts it and the time until its file is ready.

    createdb -U postgres -h 127.0.0.1 kopa_exports_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopa_exports_bench .venv/bin/python -m bench.export_bench

It generates ROWS (90,000) registrations of one project (30 activities, 300 organisations, half checked in), then
  1. writes the project's participant list as XLSX and CSV the way Kopā did before (a model instance a row with
     its related rows, openpyxl write-only; defusedcsv) and the new way (values and looked-up names, the streaming
     writer of kopa.core.spreadsheet), printing rows/s, the ratio and the peak of Python memory (tracemalloc);
  2. with the database queue, asks for the export through the page as a coordinator would while a `kopa worker`
     runs, printing how long the request took (target < 1 s) and how long until the file was ready (< 10 s).
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.django_setup import start as start_django

ROWS = int(os.environ.get("ROWS", "90000"))
ROOT = Path(__file__).resolve().parents[1]


def _generate(rows: int):
    from datetime import date, timedelta

    from django.utils import timezone

    from kopa.activities.models import Registration
    from kopa.directory.models import Person, Position
    from tests import factories

    project = factories.project(code=f"BENCH-{rows}")
    organisations = [factories.organisation(name=f"Pašvaldība Nr. {n} – Utenā, Anīkščiuose") for n in range(300)]
    activities = [factories.activity(project=project, title_lv=f"Pieredzes apmaiņa Nr. {n}", capacity=None,
                                     start_date=date(2024, 1, 1) + timedelta(days=7 * n),
                                     end_date=date(2024, 1, 2) + timedelta(days=7 * n)) for n in range(30)]
    now = timezone.now()
    batch = 5000
    for start in range(0, rows, batch):
        size = min(batch, rows - start)
        people = Person.objects.bulk_create([Person(first_name=f"Jūratė{start + n}", last_name=f"Ķēniņa-Misiūnienė{n}")
                                             for n in range(size)])
        positions = Position.objects.bulk_create([
            Position(person=p, organisation=organisations[(start + n) % 300], title="Specialistė")
            for n, p in enumerate(people)])
        Registration.objects.bulk_create([Registration(
            activity=activities[(start + n) % 30], person=p, organisation=organisations[(start + n) % 300],
            position=positions[n], status=Registration.Status.CONFIRMED,
            checked_in_at=now - timedelta(minutes=n) if n % 2 else None) for n, p in enumerate(people)])
    return project


# Today's path, as it was before this change (kept here to compare) --------------------------------------------

def _old_rows(registrations):
    from django.utils.translation import gettext as _  # noqa: F401

    from kopa.activities.exports import _local
    from kopa.core.dates import stated_dates_text

    registrations = registrations.select_related(
        "activity__project", "person", "organisation", "position"
    ).order_by("activity__start_date", "activity_id", "organisation__name_lv", "person__last_name")
    for r in registrations.iterator(chunk_size=2000):
        yield [
            r.activity.title, stated_dates_text(r.activity), r.activity.start_date, r.activity.end_date,
            r.activity.project.code if r.activity.project else "",
            r.person.first_name, r.person.last_name, str(r.organisation),
            r.position.title if r.position else "", r.get_status_display(),
            _local(r.checked_in_at),
        ]


def _old_xlsx(target, header, rows):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Participants")
    bold = Font(bold=True)
    cells = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        out = []
        for v in row:
            cell = WriteOnlyCell(sheet, value=v)
            if isinstance(v, str):
                cell.data_type = "s"
            out.append(cell)
        sheet.append(out)
    workbook.save(target)


def _old_csv(target, header, rows):
    from defusedcsv import csv

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    target.write(("\ufeff" + writer.writerow([str(h) for h in header])).encode())
    for row in rows:
        target.write(writer.writerow(["" if value is None else value for value in row]).encode())


def _run(path: str, file_format: str, project) -> int:
    from kopa.activities import exports
    from kopa.core.exports import write_file

    registrations = exports.live_registrations(activity__project=project)
    header = exports.participant_header()
    with tempfile.TemporaryFile() as handle:
        if path == "old":
            (_old_csv if file_format == "csv" else _old_xlsx)(handle, header, _old_rows(registrations))
        else:
            write_file(handle, file_format, "Participants", header, exports.participant_rows(registrations))
        return handle.tell()


def _measure(path, file_format, project):
    """In a process of its own, so its peak resident memory (what the machine sees) is its own: without tracemalloc,
    which would slow Python down several times."""
    output = subprocess.run([sys.executable, "-m", "bench.export_bench", "--one", path, file_format, str(project.pk)],
                            cwd=ROOT, env=os.environ, capture_output=True, text=True, check=True).stdout.split()
    return float(output[-4]), float(output[-3]), float(output[-2]), int(output[-1])


def _one(path: str, file_format: str, project_pk: int) -> None:
    import resource

    from django.utils import translation

    from kopa.projects.models import Project

    translation.activate("lv")
    project = Project.objects.get(pk=project_pk)
    _run(path, file_format, project)  # warm: imports, caches and the database's own
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    size = _run(path, file_format, project)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(elapsed, peak, peak - before, size)


def _job(project):
    """The page as a coordinator asks for it, with the database queue and a `kopa worker` running."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from kopa.exports.models import ExportJob
    from kopa.jobs.models import Heartbeat

    db = connection.settings_dict
    env = os.environ | {"DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
                        f"{db['NAME']}", "KOPA_TASK_BACKEND": "database", "KOPA_ENV": "development",
                        "DJANGO_SETTINGS_MODULE": "kopa.settings", "KOPA_WORKER_BEAT_SECONDS": "1"}
    worker = subprocess.Popen([sys.executable, "-m", "django", "worker", "--interval", "0.1", "--no-reload",
                               "--no-startup-delay", "--worker-id", "export-bench"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not Heartbeat.objects.filter(worker_id="export-bench").exists():
            if time.monotonic() > deadline:
                raise SystemExit("the worker never started")
            time.sleep(0.2)
        client = Client()
        users = get_user_model().objects
        admin = users.filter(username="export-bench").first() or users.create_user("export-bench", is_superuser=True)
        client.force_login(admin)
        client.get("/lv/exports/")  # the first request of a process imports every view: not what is measured
        started = time.perf_counter()
        response = client.get(f"/lv/activities/projects/{project.pk}/participants/?format=xlsx")
        request = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        job = ExportJob.objects.order_by("-pk").first()
        while ExportJob.objects.get(pk=job.pk).working:
            if time.perf_counter() - started > 300:
                raise SystemExit("the export job did not finish in 5 minutes")
            time.sleep(0.05)
        ready = time.perf_counter() - started
        job.refresh_from_db()
        return request, ready, job
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        start_django(None)
        return _one(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own (see the docstring).")
    start_django(None, ALLOWED_HOSTS=["*"], TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    from django.utils import translation

    translation.activate("lv")
    from kopa.projects.models import Project

    project = Project.objects.filter(code=f"BENCH-{ROWS}").first()  # generated by an earlier run: used again
    if project is None:
        started = time.perf_counter()
        project = _generate(ROWS)
        print(f"generated {ROWS:,} registrations in {time.perf_counter() - started:.1f} s")
    print(f"{'format':>6} {'path':>5} {'seconds':>8} {'rows/s':>9} {'peak RSS MB':>12} {'of it, export MB':>17} "
          f"{'MB file':>8}")
    results = {}
    for file_format in ("xlsx", "csv") if os.environ.get("PART", "all") == "all" else ():  # PART=job: the job only
        for path in ("old", "new"):
            elapsed, peak, grown, size = _measure(path, file_format, project)
            results[(file_format, path)] = ROWS / elapsed
            print(f"{file_format:>6} {path:>5} {elapsed:>8.2f} {ROWS / elapsed:>9,.0f} {peak:>12.1f} {grown:>17.1f} "
                  f"{size / 1e6:>8.1f}")
        print(f"{file_format}: new/old {results[(file_format, 'new')] / results[(file_format, 'old')]:.1f}×")
    request, ready, job = _job(project)
    print(f"job: request answered in {request:.3f} s (target < 1 s), file ready after {ready:.2f} s (target < 10 s), "
          f"{job.rows_done:,} rows, state {job.state}")


if __name__ == "__main__":
    main()
