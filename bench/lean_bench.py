"""Benchmark: our event-log analysis (polars) against pm4py on the same generated municipal log.

    make bench            # 1,000,000 events (about 100,000 cases), sorted and shuffled; EVENTS=5000000 for more
    python -m bench.lean_bench --shuffle               # only the log in random order (as exported by date)
    python -m bench.lean_bench --events 5000000 --upload --gzip --no-pm4py   # the product's path, ours only

Each side runs in its own process on the same CSV file, so peak memory (max RSS) is measured per side.
The four results — directly-follows graph, performance DFG, variants, case durations — are compared
and the ratios of time and memory are printed. pm4py is the reference and the oracle only: it is an
extra of pyproject.toml ("bench") and never imported by Kopā itself.

`--upload` also measures the product's whole path in one process: from the uploaded file (as Django's upload
handler leaves it in a temporary file; `--gzip` compresses it first, as a .csv.gz) through
services.upload_event_log — the request's check, the storage, the analysis job with the default backend — to
the results stored in the database (its own SQLite file and media folder), with time and peak memory.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta

ACTIVITIES = [f"A{n:02d}" for n in range(20)]


def generate(path: str, events: int, seed: int = 7, shuffle: bool = False) -> int:
    """About ten events a case over twenty activities, with rework loops and days of waiting; written case by case
    in time order, or with `shuffle` the same events in random order."""
    rng = random.Random(seed)
    written = cases = 0
    start = datetime(2023, 1, 2, 8)
    with open(path, "w", encoding="utf-8") as out:
        out.write("case_id,activity,timestamp,resource\n")
        lines = [] if shuffle else None
        write = lines.append if shuffle else out.write
        while written < events:
            t = start + timedelta(minutes=rng.randint(0, 525_600))
            path_length = rng.randint(6, 12)
            position = 0
            for _ in range(path_length):
                if written >= events:
                    break
                activity = ACTIVITIES[position]
                t += timedelta(minutes=rng.randint(5, 4320))
                write(f"C{cases:07d},{activity},{t:%Y-%m-%d %H:%M:%S},R{rng.randint(1, 40)}\n")
                written += 1
                # a loop back now and then (rework), otherwise forward by one or two steps
                position = max(0, position - 2) if rng.random() < 0.1 else min(19, position + rng.randint(1, 2))
            cases += 1
        if shuffle:
            random.Random(seed + 1).shuffle(lines)
            out.writelines(lines)
    return cases


def run_ours(path: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopa.settings")
    os.environ.setdefault("KOPA_ENV", "development")
    import django

    django.setup()
    from kopa.lean.analysis import analyse, read_event_log

    started, cpu = time.perf_counter(), time.process_time()
    result = analyse(read_event_log(path, max_bytes=None))  # as the background job reads a stored log
    elapsed = time.perf_counter() - started
    return {
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - cpu,
        "dfg": {f"{e['source']}>{e['target']}": e["count"] for e in result.dfg},
        "perf": {f"{e['source']}>{e['target']}": round(e["mean_s"], 3) for e in result.dfg},
        "variants": sorted((v["cases"] for v in result.variants), reverse=True),
        "variant_count": result.variant_count,
        "median_case_s": result.case_duration_median_s,
    }


def run_upload(path: str) -> dict:
    """The product's path from an uploaded file to the stored results, in this process (time and, by the caller,
    peak memory). The copy into Django's temporary upload file stands for receiving the request and is not timed."""
    import shutil

    folder = tempfile.mkdtemp(prefix="kopa-lean-bench-")
    from bench.django_setup import start

    start(os.path.join(folder, "bench.sqlite3"), MEDIA_ROOT=os.path.join(folder, "media"),
          KOPA_LEAN_MAX_UPLOAD_MB=(os.path.getsize(path) * 8) // (1024 * 1024) + 100)
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from kopa.directory import services as directory
    from kopa.directory.models import Country
    from kopa.lean import analysis, services
    from kopa.lean.models import EventLog

    country, _created = Country.objects.get_or_create(code="LV", defaults={"name": "Latvija", "name_lv": "Latvija"})
    organisation, _created = directory.save_organisation(slug="bench", kind="municipal_administration",
                                                         country=country, names={"lv": "Etalona novads"})
    service_type = services.save_service_type(code="bench", names={"lv": "Etalons"})
    service = services.save_service(organisation=organisation, service_type=service_type, names={"lv": "Etalons"})
    name = os.path.basename(path)
    upload = TemporaryUploadedFile(name, "application/octet-stream", os.path.getsize(path), None)
    with open(path, "rb") as source:
        shutil.copyfileobj(source, upload, 1 << 20)
    upload.seek(0)
    parses = analysis.parse_count()
    started, cpu = time.perf_counter(), time.process_time()
    log = services.upload_event_log(service=service, file=upload, name="Etalons")
    stored = EventLog.objects.get(pk=log.pk)  # read back from the database: the results as the pages read them
    elapsed = time.perf_counter() - started
    assert stored.status == EventLog.Status.DONE, stored.error
    upload.close()  # its temporary file was moved into the storage, as a real upload's is
    result = stored.results
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - cpu,
        "parses": analysis.parse_count() - parses,
        "dfg": {f"{e['source']}>{e['target']}": e["count"] for e in result["dfg"]},
        "perf": {f"{e['source']}>{e['target']}": round(e["mean_s"], 3) for e in result["dfg"]},
        "variants": sorted((v["cases"] for v in result["variants"]), reverse=True),
        "variant_count": result["variant_count"],
        "median_case_s": result["case_duration_median_s"],
    }


def run_pm4py(path: str) -> dict:
    import pandas as pd
    import pm4py

    started, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(path)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"])
    log = pm4py.format_dataframe(frame, case_id="case_id", activity_key="activity", timestamp_key="timestamp")
    dfg, _start, _end = pm4py.discover_dfg(log)
    perf, _s, _e = pm4py.discover_performance_dfg(log)
    variants = pm4py.get_variants(log)
    durations = pm4py.get_all_case_durations(log)
    elapsed = time.perf_counter() - started
    import statistics

    return {
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - cpu,
        "dfg": {f"{a}>{b}": int(n) for (a, b), n in dfg.items()},
        "perf": {f"{a}>{b}": round(float(v["mean"]), 3) for (a, b), v in perf.items()},
        "variants": sorted((int(n) if not isinstance(n, list) else len(n) for n in variants.values()),
                           reverse=True),
        "median_case_s": float(statistics.median(durations)),
    }


def _child(side: str, path: str) -> dict:
    """Run one side in a fresh process and return its result with its peak memory."""
    code = (
        f"import json, resource, sys; sys.path.insert(0, {os.getcwd()!r}); "
        f"from bench.lean_bench import run_{side}; r = run_{side}({path!r}); "
        f"r['max_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; print(json.dumps(r))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def _agree(ours: dict, reference: dict) -> dict:
    return {
        "dfg": ours["dfg"] == reference["dfg"],
        "performance dfg": all(abs(ours["perf"][k] - reference["perf"].get(k, -1)) < 1e-3 for k in ours["perf"]),
        # Kopā keeps the most frequent variants and the number of all of them.
        "variants": ours["variants"] == reference["variants"][: len(ours["variants"])]
        and ours["variant_count"] == len(reference["variants"]),
        "case durations (median)": abs(ours["median_case_s"] - reference["median_case_s"]) < 1e-6,
    }


def _one_order(folder: str, args, shuffle: bool) -> bool:
    order = "shuffled" if shuffle else "sorted"
    path = os.path.join(folder, f"log-{order}.csv")
    cases = generate(path, args.events, shuffle=shuffle)
    print(f"\n{order} log: {args.events:,} events, {cases:,} cases, {os.path.getsize(path) / 1e6:.0f} MB")
    ours = _child("ours", path)
    print(f"ours:  {ours['seconds']:.2f} s ({ours['cpu_seconds']:.2f} s CPU), {ours['max_rss_mb']:.0f} MB peak")
    agree = {}
    if args.pm4py:
        reference = _child("pm4py", path)
        print(f"pm4py: {reference['seconds']:.2f} s ({reference['cpu_seconds']:.2f} s CPU), "
              f"{reference['max_rss_mb']:.0f} MB peak")
        print(f"{order}: time ratio ours/pm4py: {ours['seconds'] / reference['seconds']:.3f} (target ≤ 0.1)")
        print(f"{order}: CPU time ratio ours/pm4py: {ours['cpu_seconds'] / reference['cpu_seconds']:.3f} "
              "(on a loaded machine the wall-clock ratio depends on the other processes)")
        print(f"{order}: memory ratio ours/pm4py: {ours['max_rss_mb'] / reference['max_rss_mb']:.3f} (target ≤ 0.5)")
        agree = _agree(ours, reference)
    if args.upload:
        upload_path = path
        if args.gzip:
            import gzip
            import shutil

            upload_path = path + ".gz"
            with open(path, "rb") as source, gzip.open(upload_path, "wb", compresslevel=6) as target:
                shutil.copyfileobj(source, target, 1 << 20)
        uploaded = _child("upload", upload_path)
        size = os.path.getsize(upload_path) / 1e6
        print(f"upload path ({os.path.basename(upload_path)}, {size:.0f} MB → stored results): "
              f"{uploaded['seconds']:.2f} s ({uploaded['cpu_seconds']:.2f} s CPU), "
              f"{uploaded['max_rss_mb']:.0f} MB peak, {uploaded['parses']} parse(s)"
              + (" (target at 5M events: ≤ 5 s, ≤ 1,200 MB)" if args.events >= 5_000_000 else ""))
        agree["upload path = analysis"] = all(uploaded[k] == ours[k] for k in ("dfg", "variants", "variant_count"))
        agree["upload parsed once"] = uploaded["parses"] == 1
    for name, ok in agree.items():
        print(f"{order}: results agree on {name}: {'yes' if ok else 'NO'}")
    return all(agree.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=int(os.environ.get("EVENTS", 1_000_000)))
    parser.add_argument("--shuffle", action="store_true", help="only the log in random order")
    parser.add_argument("--sorted", action="store_true", help="only the log in case and time order")
    parser.add_argument("--upload", action="store_true", help="also the product's path, file to stored results")
    parser.add_argument("--gzip", action="store_true", help="upload the log as a .csv.gz")
    parser.add_argument("--no-pm4py", dest="pm4py", action="store_false", help="ours only (pm4py is slow at 5M)")
    args = parser.parse_args()
    orders = [True] if args.shuffle else [False] if args.sorted else [False, True]
    with tempfile.TemporaryDirectory() as folder:
        ok = [_one_order(folder, args, shuffle) for shuffle in orders]
    if not all(ok):
        sys.exit(1)


if __name__ == "__main__":
    main()
