"""Benchmark: our event-log analysis (polars) against pm4py on the same generated municipal log.

    make bench            # 1,000,000 events (about 100,000 cases); add EVENTS=5000000 for the large run

Each side runs in its own process on the same CSV file, so peak memory (max RSS) is measured per side.
The four results — directly-follows graph, performance DFG, variants, case durations — are compared
and the ratios of time and memory are printed. pm4py is the reference and the oracle only: it is an
extra of pyproject.toml ("bench") and never imported by Kopā itself.
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


def generate(path: str, events: int, seed: int = 7) -> int:
    """About ten events a case over twenty activities, with rework loops and days of waiting."""
    rng = random.Random(seed)
    written = cases = 0
    start = datetime(2023, 1, 2, 8)
    with open(path, "w", encoding="utf-8") as out:
        out.write("case_id,activity,timestamp,resource\n")
        while written < events:
            t = start + timedelta(minutes=rng.randint(0, 525_600))
            path_length = rng.randint(6, 12)
            position = 0
            for _ in range(path_length):
                if written >= events:
                    break
                activity = ACTIVITIES[position]
                t += timedelta(minutes=rng.randint(5, 4320))
                out.write(f"C{cases:07d},{activity},{t:%Y-%m-%d %H:%M:%S},R{rng.randint(1, 40)}\n")
                written += 1
                # a loop back now and then (rework), otherwise forward by one or two steps
                position = max(0, position - 2) if rng.random() < 0.1 else min(19, position + rng.randint(1, 2))
            cases += 1
    return cases


def run_ours(path: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopa.settings")
    os.environ.setdefault("KOPA_ENV", "development")
    import django

    django.setup()
    from kopa.lean.analysis import analyse, read_event_log

    started = time.perf_counter()
    result = analyse(read_event_log(path, max_bytes=None))  # as the background job reads a stored log
    elapsed = time.perf_counter() - started
    return {
        "seconds": elapsed,
        "dfg": {f"{e['source']}>{e['target']}": e["count"] for e in result.dfg},
        "perf": {f"{e['source']}>{e['target']}": round(e["mean_s"], 3) for e in result.dfg},
        "variants": sorted((v["cases"] for v in result.variants), reverse=True),
        "variant_count": result.variant_count,
        "median_case_s": result.case_duration_median_s,
    }


def run_pm4py(path: str) -> dict:
    import pandas as pd
    import pm4py

    started = time.perf_counter()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=int(os.environ.get("EVENTS", 1_000_000)))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "log.csv")
        cases = generate(path, args.events)
        print(f"log: {args.events:,} events, {cases:,} cases, {os.path.getsize(path) / 1e6:.0f} MB")
        ours = _child("ours", path)
        reference = _child("pm4py", path)
    agree = {
        "dfg": ours["dfg"] == reference["dfg"],
        "performance dfg": all(abs(ours["perf"][k] - reference["perf"].get(k, -1)) < 1e-3 for k in ours["perf"]),
        # Kopā keeps the most frequent variants and the number of all of them.
        "variants": ours["variants"] == reference["variants"][: len(ours["variants"])]
        and ours["variant_count"] == len(reference["variants"]),
        "case durations (median)": abs(ours["median_case_s"] - reference["median_case_s"]) < 1e-6,
    }
    print(f"ours:  {ours['seconds']:.2f} s, {ours['max_rss_mb']:.0f} MB peak")
    print(f"pm4py: {reference['seconds']:.2f} s, {reference['max_rss_mb']:.0f} MB peak")
    print(f"time ratio ours/pm4py: {ours['seconds'] / reference['seconds']:.3f} (target ≤ 0.1)")
    print(f"memory ratio ours/pm4py: {ours['max_rss_mb'] / reference['max_rss_mb']:.3f} (target ≤ 0.5)")
    if args.events >= 5_000_000:
        print(f"ours at {args.events:,} events: {ours['seconds']:.2f} s (target ≤ 3 s), "
              f"{ours['max_rss_mb']:.0f} MB (target ≤ 1,200 MB)")
    for name, ok in agree.items():
        print(f"results agree on {name}: {'yes' if ok else 'NO'}")
    if not all(agree.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
