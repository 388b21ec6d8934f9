"""Scale benchmark (issue 15, item 8): every public page, organiser page and API list at demo size and at EU size,
against the framework floor, in one run.

    createdb -U postgres -h 127.0.0.1 kopa_scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopa_scale .venv/bin/python -m bench.scale_bench --tenth
    .venv/bin/python -m bench.scale_bench --scale 0.01 --requests 5     # a quick look on a temporary SQLite file

Without DATABASE_URL it runs on a temporary SQLite file. It migrates the (fresh, empty) database, loads the demo
with the reference files (as `make demo`), measures every page, then adds EU-sized data with `bulk_create`
(90,222 municipalities, 20,000 projects with 60,000 partnerships, 200,000 activities, 1,000,000 registrations,
50,000 articles, 100,000 survey responses; `--tenth` a tenth of that, `--scale` any factor; see
bench/scale_data.py) and measures again. Each page is requested in-process through Django's test client with
DEBUG off, `--requests` times (20) after one warm-up; it prints queries, median and p99 time, size, and the
ratios to the floor (a bare "ok" view and a 50-row ORM table through a template, served by the same stack:
bench/scale_urls.py) and to the page's own demo-size median, with PASS/FAIL against the targets:

    scale   EU-size median within 2x the demo-size median (for a download: its time to the first byte)
    floor   median within 3x the floor's 50-row table (at least 1/3 of its throughput; a download: to the first byte)
    300ms   p99 at most 300 ms (for a download: its time to the first byte)
    200KB   at most 200 KB (not applied to downloads)
    job<1s  a download that became an export job (302 to its page): answered within 1 s

`--json PATH` (var/scale_results.json by default, which git ignores) keeps the table. Not collected by pytest.
"""

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time

TARGET_SCALE = 2.0
TARGET_FLOOR = 3.0
TARGET_MS = 300.0
TARGET_BYTES = 200 * 1024
TARGET_JOB_MS = 1000.0


def _setup(database_url: str | None, folder: str) -> None:
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{os.path.join(folder, 'scale.sqlite3')}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopa.settings")
    os.environ.setdefault("KOPA_ENV", "development")
    os.environ["KOPA_VAR_DIR"] = folder  # uploads of the demo go to the temporary folder
    # As in production (docs/deploy.md): a job is queued for `kopa db_worker`, so an export's request is measured,
    # not the export run inside it as the immediate backend of a development machine does.
    os.environ.setdefault("KOPA_TASK_BACKEND", "database")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ROOT_URLCONF = "bench.scale_urls"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a failing page is counted, not printed


def _load_demo() -> None:
    from pathlib import Path

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from kopa.projects.models import Project

    if Project.objects.exists():
        sys.exit("The database is not empty: give the benchmark a fresh one (createdb …).")
    reference = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "data" / "reference").glob("*.csv"))
    with open(os.devnull, "w") as quiet:
        call_command("demo", reference=reference, stdout=quiet)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _pages(objects: dict) -> list[tuple[str, str, str, str]]:
    """(name, audience, kind, path): kind "page", "api" or "download"; audience "public", "coordinator" (the demo's
    programme coordinator) or "admin" (pages only an administrator sees)."""
    from django.urls import reverse
    from django.utils import translation

    from bench.scale_urls import FLOOR_OK, FLOOR_TABLE

    o = objects
    with translation.override("lv"):
        r = reverse
        pages = [
            ("floor: bare view", "public", "floor", FLOOR_OK),
            ("floor: 50-row table", "public", "floor", FLOOR_TABLE),
            ("home", "public", "page", r("core:home")),
            ("search ?q=sadarbība", "public", "page", r("core:search") + "?q=sadarb%C4%ABba"),
            ("project list", "public", "page", r("projects:list")),
            ("project detail (big)", "public", "page", r("projects:project", args=[o["project"].pk])),
            ("programme list", "public", "page", r("projects:programmes")),
            ("activity list", "public", "page", r("activities:list")),
            ("activity detail (big)", "public", "page", r("activities:activity", args=[o["activity"].pk])),
            ("activity kinds", "public", "page", r("activities:kinds")),
            ("series list", "public", "page", r("activities:series_list")),
            ("working groups", "public", "page", r("activities:working_groups")),
            ("working group detail", "public", "page", r("activities:working_group", args=[o["working_group"].slug])),
            ("news list", "public", "page", r("publications:news")),
            ("news RSS", "public", "page", r("publications:rss")),
            ("article detail", "public", "page", r("publications:article", args=[o["article"].slug])),
            ("municipality list", "public", "page", r("directory:municipalities")),
            ("municipality detail (LEAN)", "public", "page",
             r("directory:municipality", args=[o["municipality"].code])),
            ("organisation list", "public", "page", r("directory:organisations")),
            ("organisation detail (partner)", "public", "page",
             r("directory:organisation", args=[o["organisation"].slug])),
            ("topic list", "public", "page", r("topics:list")),
            ("LEAN services", "public", "page", r("lean:services")),
            ("LEAN service detail", "public", "page", r("lean:service", args=[o["service"].pk])),
            ("sitemap.xml", "public", "page", r("sitemap")),
            ("sitemap page (activities, 2)", "public", "page",
             r("sitemap-section", kwargs={"section": "activities"}) + "?p=2"),
            ("activity: all municipalities (big)", "public", "page",
             r("activities:activity", args=[o["activity"].pk]) + "?took_part=municipalities&page=2"),
            ("workspace dashboard", "coordinator", "page", r("workspace:dashboard")),
            ("my activities", "coordinator", "page", r("activities:mine")),
            ("activity registrations (big)", "coordinator", "page",
             r("activities:registrations", args=[o["activity"].pk])),
            ("activity messages (big)", "coordinator", "page", r("messaging:activity", args=[o["activity"].pk])),
            ("survey results (big)", "coordinator", "page", r("surveys:results", args=[o["survey"].pk])),
            ("awaiting review", "admin", "page", r("directory:awaiting_review")),
            ("history (audit)", "admin", "page", r("audit:everything")),
            ("project participants CSV", "coordinator", "download",
             r("activities:export_project", args=[o["project"].pk]) + "?format=csv"),
            ("project participants XLSX", "coordinator", "download",
             r("activities:export_project", args=[o["project"].pk])),
            ("activity participants XLSX (big)", "coordinator", "download",
             r("activities:export", args=[o["activity"].pk])),
        ]
    pages += [
        ("/api/projects", "public", "api", "/api/projects"),
        ("/api/activities", "public", "api", "/api/activities"),
        ("/api/news", "public", "api", "/api/news"),
        ("/api/municipalities", "public", "api", "/api/municipalities"),
        ("/api/organisations", "public", "api", "/api/organisations"),
        ("/api/topics", "public", "api", "/api/topics"),
        ("/api/lean/services", "public", "api", "/api/lean/services"),
        ("/api/sources", "public", "api", "/api/sources"),
        ("/api/activities/{big}/registrations", "coordinator", "api",
         f"/api/activities/{o['activity'].pk}/registrations"),
        ("/api/surveys/…/results (big)", "coordinator", "api", f"/api/surveys/questionnaires/{o['survey'].pk}/results"),
    ]
    return pages


def _objects(saved: dict | None = None) -> dict:
    """The objects the detail pages show, chosen on the demo (the generated data makes them bigger); `saved`: their
    primary keys as an earlier run chose them."""
    from bench.scale_data import big_activity_of, biggest_questionnaire
    from kopa.activities.models import Activity, WorkingGroup
    from kopa.demo import facts
    from kopa.directory.models import Municipality, Organisation
    from kopa.lean.models import PublicService
    from kopa.projects.models import Project
    from kopa.publications.models import Article
    from kopa.surveys.models import Questionnaire

    if saved:
        models = {"project": Project, "activity": Activity, "survey": Questionnaire, "organisation": Organisation,
                  "municipality": Municipality, "working_group": WorkingGroup, "article": Article,
                  "service": PublicService}
        return {name: models[name].objects.get(pk=pk) for name, pk in saved.items()}
    project = Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)
    lean = Organisation.objects.get(slug=facts.DEMO_LEAN_TEAM_ORGANISATION)
    return {
        "project": project,
        "activity": big_activity_of(project),
        "survey": biggest_questionnaire(),
        "organisation": Organisation.objects.get(slug=facts.DEMO_PARTNER_ORGANISATION),
        "municipality": lean.municipality,
        "working_group": WorkingGroup.objects.order_by("pk").first(),
        "article": Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk").first(),
        "service": PublicService.objects.order_by("pk").first(),
    }


def _clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    clients = {"public": Client(HTTP_HOST="127.0.0.1")}
    for username in ("coordinator", "admin"):
        clients[username] = Client(HTTP_HOST="127.0.0.1")
        clients[username].force_login(get_user_model().objects.get(username=username),
                                      backend="django.contrib.auth.backends.ModelBackend")
    return clients


def _one(client, path: str, accept: str, show_queries=None) -> tuple[int, int, float, float, int]:
    """status, queries, time to the first byte, total time (seconds), bytes; `show_queries(captured)` sees the
    queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # the log keeps 9,000 queries: a full one would count none
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path, HTTP_ACCEPT=accept)
        if response.streaming:
            chunks = iter(response.streaming_content)
            first = next(chunks, b"")
            ttfb = time.perf_counter() - started
            size = len(first) + sum(len(c) for c in chunks)
        else:
            ttfb = time.perf_counter() - started
            size = len(response.content)
        total = time.perf_counter() - started
        response.close()
    if show_queries:
        show_queries(queries.captured_queries)
    return response.status_code, len(queries), ttfb, total, size


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered) + 0.5) - 1))]


def measure(pages, clients, requests: int, log, show_queries: bool = False) -> dict:
    results = {}
    for name, audience, kind, path in pages:
        client = clients[audience]
        accept = "application/json" if kind == "api" else "text/html"

        def slowest(captured):
            for q in sorted(captured, key=lambda q: -float(q["time"]))[:5]:
                log(f"      {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")

        try:
            status, queries, _t, _t2, _s = _one(client, path, accept, slowest if show_queries else None)  # warm-up
            ttfbs, totals, sizes = [], [], []
            for _ in range(requests):
                status, queries, ttfb, total, size = _one(client, path, accept)
                ttfbs.append(ttfb)
                totals.append(total)
                sizes.append(size)
        except Exception as error:  # a crash is a finding: report it and go on
            results[name] = {"path": path, "kind": kind, "error": f"{type(error).__name__}: {error}"[:200]}
            log(f"  {name}: {results[name]['error']}")
            continue
        results[name] = {
            "path": path, "kind": kind, "audience": audience, "status": status, "queries": queries,
            "median_ms": statistics.median(totals) * 1000, "p99_ms": _p99(totals) * 1000,
            "ttfb_median_ms": statistics.median(ttfbs) * 1000, "ttfb_p99_ms": _p99(ttfbs) * 1000,
            "bytes": max(sizes),
        }
        log(f"  {name}: {status}, {queries} queries, {results[name]['median_ms']:.1f} ms")
    return results


def judge(demo: dict, eu: dict) -> list[dict]:
    floor = eu["floor: 50-row table"]["median_ms"]
    rows = []
    for name, r in eu.items():
        row = {"page": name, **r}
        d = demo.get(name, {})
        if r.get("kind") == "download" and r.get("status") == 302 and "error" not in r:
            # Past KOPA_EXPORT_THRESHOLD rows a download is an export job: the request answers with its page, in
            # under a second (issue 15's target for a 90,000-row export).
            row["checks"] = {"job<1s": r["ttfb_p99_ms"] <= TARGET_JOB_MS}
            row["verdict"] = {"ok": all(row["checks"].values()),
                              "why": ", ".join(k for k, v in row["checks"].items() if not v)}
            row["ratio_floor"], row["ratio_demo"], row["demo_queries"] = 0.0, None, d.get("queries")
            rows.append(row)
            continue
        if "error" in r or r.get("status") != 200:
            row["verdict"] = {"ok": False, "why": r.get("error") or f"status {r.get('status')}"}
            rows.append(row)
            continue
        download = r["kind"] == "download"
        row["demo_median_ms"] = d.get("median_ms")
        row["demo_queries"] = d.get("queries")
        # A download's file grows with the data by design (past KOPA_EXPORT_THRESHOLD rows it becomes a job): it is
        # judged by its time to the first byte, a page by its whole time.
        measure = "ttfb_median_ms" if download else "median_ms"
        row["ratio_floor"] = r[measure] / floor
        row["ratio_demo"] = r[measure] / d[measure] if d.get(measure) else None
        checks = {}
        if r["kind"] != "floor":
            checks["scale"] = row["ratio_demo"] is not None and row["ratio_demo"] <= TARGET_SCALE
            checks["floor"] = row["ratio_floor"] <= TARGET_FLOOR
            checks["300ms"] = (r["ttfb_p99_ms"] if download else r["p99_ms"]) <= TARGET_MS
            if not download:
                checks["200KB"] = r["bytes"] <= TARGET_BYTES
        row["checks"] = checks
        row["verdict"] = {"ok": all(checks.values()), "why": ", ".join(k for k, v in checks.items() if not v)}
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    head = (f"{'page':38} {'q demo':>6} {'q EU':>5} {'median':>8} {'p99':>8} {'ttfb':>7} {'KB':>8} "
            f"{'×floor':>7} {'×demo':>6}  verdict")
    lines = [head, "-" * len(head)]
    for r in rows:
        if "median_ms" not in r:
            lines.append(f"{r['page']:38} FAIL ({r['verdict']['why']})")
            continue
        ratio_demo = f"{r['ratio_demo']:.2f}" if r.get("ratio_demo") is not None else "—"
        verdict = "" if r["kind"] == "floor" else ("PASS" if r["verdict"]["ok"] else f"FAIL {r['verdict']['why']}")
        if r.get("status") not in (200, 302):
            verdict = f"FAIL status {r['status']}"
        elif r.get("status") == 302:
            verdict = "job " + ("PASS" if r["verdict"]["ok"] else "FAIL (over 1 s)")
        lines.append(
            f"{r['page'][:38]:38} {r.get('demo_queries') if r.get('demo_queries') is not None else '—':>6} "
            f"{r['queries']:>5} {r['median_ms']:>6.1f}ms {r['p99_ms']:>6.1f}ms {r['ttfb_median_ms']:>5.1f}ms "
            f"{r['bytes'] / 1024:>8.1f} {r.get('ratio_floor', 0):>7.2f} {ratio_demo:>6}  {verdict}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenth", action="store_true", help="a tenth of the EU sizes")
    parser.add_argument("--scale", type=float, help="any factor of the EU sizes (1 = EU size)")
    parser.add_argument("--requests", type=int, default=20, help="requests per page (after one warm-up)")
    parser.add_argument("--json", default="var/scale_results.json", help="where to write the results")
    parser.add_argument("--reuse", action="store_true",
                        help="measure again a database an earlier run filled (its demo-size figures from --json)")
    parser.add_argument("--only", default="", help="only the pages whose name contains this (comma-separated)")
    parser.add_argument("--queries", action="store_true", help="print each page's slowest queries")
    args = parser.parse_args()
    scale = args.scale if args.scale is not None else (0.1 if args.tenth else 1.0)

    def log(text):
        print(text, flush=True)

    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("DATABASE_URL")
        _setup(database_url, folder)
        from django.db import connection

        from bench import scale_data

        wanted = [w.strip() for w in args.only.split(",") if w.strip()]

        def chosen(pages):
            return [p for p in pages if p[2] == "floor" or not wanted or any(w in p[0] for w in wanted)]

        if args.reuse:
            # The generated data grew the demo's objects: choose them as the first run did, before it generated.
            with open(args.json) as earlier:
                before = json.load(earlier)
            demo, counts, scale = before["demo"], before["generated"], before["scale"]
            objects = _objects(before.get("objects"))
            log(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}), filled at scale {scale:g}")
            pages = chosen(_pages(objects))
        else:
            log(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); scale {scale:g} of EU size")
            started = time.perf_counter()
            _load_demo()
            log(f"Demo loaded in {time.perf_counter() - started:.0f} s; measuring at demo size …")
            objects = _objects()
            pages = chosen(_pages(objects))
            clients = _clients()
            demo = measure(pages, clients, args.requests, log)
            log(f"Generating {scale_data.sizes(scale)} …")
            counts = scale_data.generate(scale, big_project=objects["project"], big_activity=objects["activity"],
                                         survey=objects["survey"], log=log)
            log(f"Generated in {counts['seconds']} s: {counts}")
        log("Measuring at EU size …")
        clients = _clients()
        eu = measure(pages, clients, args.requests, log, show_queries=args.queries)
        rows = judge(demo, eu)
        log("")
        floor = (eu["floor: bare view"]["median_ms"], eu["floor: 50-row table"]["median_ms"])
        log(f"Scale {scale:g} of EU size on {connection.vendor}, {args.requests} requests per page; floor: bare "
            f"{floor[0]:.2f} ms, 50-row table {floor[1]:.2f} ms")
        log(table(rows))
        failed = [r["page"] for r in rows if r["kind"] != "floor" and not r["verdict"]["ok"]]
        log(f"\n{len(rows) - 2 - len(failed)} of {len(rows) - 2} pass; failing: {', '.join(failed) or 'none'}")
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as out:
            json.dump({"scale": scale, "database": connection.vendor, "requests": args.requests,
                       "generated": counts, "targets": {"scale": TARGET_SCALE, "floor": TARGET_FLOOR,
                                                        "ms": TARGET_MS, "bytes": TARGET_BYTES},
                       "demo": demo, "pages": rows,
                       "objects": {name: obj.pk for name, obj in objects.items()}}, out, indent=1, default=str)
        log(f"Written to {args.json}")


if __name__ == "__main__":
    main()
