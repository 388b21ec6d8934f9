"""Event-log analysis for the LEAN system, in polars.

An event log is a table of (case, activity, timestamp[, resource, department]). Events are ordered by
case and time with the file order as the tie-break, because document systems often record dates
without times and several steps of one case then share a timestamp.
"""

import io
from dataclasses import dataclass, field

import polars as pl
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

MAX_BYTES = 50 * 1024 * 1024

# Accepted names of each column (ours first, then the XES-style names process-mining tools export).
COLUMNS = {
    "case": ("case_id", "case", "case:concept:name", "caseid"),
    "activity": ("activity", "concept:name", "event", "step"),
    "timestamp": ("timestamp", "time:timestamp", "time", "date"),
    "resource": ("resource", "org:resource", "performer"),
    "department": ("department", "org:group", "unit"),
}
REQUIRED = ("case", "activity", "timestamp")
SEPARATOR = "\x1f"  # joins the activities of a trace; never typed in an activity name
TIMESTAMP_FORMATS = ("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                     "%Y-%m-%d", "%d.%m.%Y %H:%M", "%d.%m.%Y")


class EventLogError(DomainError):
    def __init__(self, problem, *, line: int | None = None):
        self.problem, self.line = problem, line
        message = problem if line is None else _("line %(line)d: %(problem)s") % {"line": line, "problem": problem}
        super().__init__(message, field="file", code="event_log")


def read_event_log(data: bytes, max_bytes: int | None = MAX_BYTES) -> pl.DataFrame:
    """Parse and check an uploaded CSV or XES log; the first bad line is reported, nothing is half-read."""
    if not data or not data.strip():
        raise EventLogError(_("The file is empty."))
    if max_bytes is not None and len(data) > max_bytes:
        raise EventLogError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if data.lstrip()[:5] in (b"<?xml", b"<log ", b"<log>") or data.lstrip().startswith(b"\xef\xbb\xbf<"):
        data = _xes_to_csv(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")  # polars would read broken bytes silently
    except UnicodeDecodeError:
        raise EventLogError(_("The file is not UTF-8 text (a CSV file is expected).")) from None
    first_line = data.split(b"\n", 1)[0]
    separator = ";" if first_line.count(b";") > first_line.count(b",") else ","
    try:
        raw = pl.read_csv(io.BytesIO(data), separator=separator, infer_schema=False, truncate_ragged_lines=False,
                          encoding="utf8")
    except pl.exceptions.ComputeError as error:
        if "utf-8" in str(error).lower() or "utf8" in str(error).lower():
            raise EventLogError(_("The file is not UTF-8 text (a CSV file is expected).")) from None
        raise EventLogError(_("The file is not a readable CSV table (%(detail)s).") % {
            "detail": str(error).splitlines()[0][:120]}) from None
    except pl.exceptions.PolarsError as error:
        raise EventLogError(_("The file is not a readable CSV table (%(detail)s).") % {
            "detail": str(error).splitlines()[0][:120]}) from None
    names = {column.strip().lower(): column for column in raw.columns}
    chosen = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                chosen[key] = names[alias]
                break
    missing = [key for key in REQUIRED if key not in chosen]
    if missing:
        raise EventLogError(_("The column “%(column)s” is missing; the file needs case_id, activity and "
                              "timestamp.") % {"column": COLUMNS[missing[0]][0]}, line=1)
    frame = raw.select(
        *(pl.col(chosen[key]).str.strip_chars().alias(key) for key in chosen),
    ).with_row_index("seq")
    for key in ("case", "activity", "timestamp"):
        empty = frame.filter(pl.col(key).is_null() | (pl.col(key) == ""))
        if empty.height:
            raise EventLogError(_("the column “%(column)s” is empty") % {"column": COLUMNS[key][0]},
                                line=int(empty["seq"][0]) + 2)
    frame = frame.with_columns(_parse_timestamps(frame["timestamp"]).alias("ts"))
    bad = frame.filter(pl.col("ts").is_null())
    if bad.height:
        raise EventLogError(_("“%(value)s” is not a date and time (use 2024-03-01 14:30)") % {
            "value": bad["timestamp"][0]}, line=int(bad["seq"][0]) + 2)
    for optional in ("resource", "department"):
        if optional not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(optional))
    return order_events(frame.select("seq", "case", "activity", "ts", "resource", "department"))


def _xes_to_csv(data: bytes) -> bytes:
    """An XES file (IEEE 1849) as the CSV this module reads: trace concept:name, event concept:name,
    time:timestamp, org:resource. Parsed with defusedxml: no entity expansion, no external entities."""
    import csv

    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except Exception as error:  # ParseError and defusedxml's refusals alike
        raise EventLogError(_("The file is not a readable XES log (%(detail)s).") % {
            "detail": str(error)[:120]}) from None

    def attributes(element) -> dict[str, str]:
        return {child.get("key"): child.get("value", "") for child in element
                if child.tag.rsplit("}", 1)[-1] in ("string", "date", "int", "float", "id")}

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["case_id", "activity", "timestamp", "resource"])
    for trace in (e for e in root if e.tag.rsplit("}", 1)[-1] == "trace"):
        case = attributes(trace).get("concept:name", "")
        for event in (e for e in trace if e.tag.rsplit("}", 1)[-1] == "event"):
            values = attributes(event)
            # XES times carry a zone (2024-01-05T10:00:00.000+02:00); the local wall-clock time is kept.
            when = values.get("time:timestamp", "")[:19]
            writer.writerow([case, values.get("concept:name", ""), when, values.get("org:resource", "")])
    return out.getvalue().encode()


def _parse_timestamps(values: pl.Series) -> pl.Series:
    """The format of the first value is tried on the whole column (one pass on a well-formed export);
    only a mixed column pays for trying every format."""
    sample = values[0]
    for fmt in TIMESTAMP_FORMATS:
        if pl.Series([sample]).str.strptime(pl.Datetime("us"), fmt, strict=False)[0] is not None:
            parsed = values.str.strptime(pl.Datetime("us"), fmt, strict=False)
            if parsed.null_count() == 0:
                return parsed
            break
    return pl.select(pl.coalesce(*(values.str.strptime(pl.Datetime("us"), fmt, strict=False)
                                   for fmt in TIMESTAMP_FORMATS))).to_series()


def order_events(frame: pl.DataFrame) -> pl.DataFrame:
    """Case, then time, then the order in the file: a fixed tie-break for equal timestamps."""
    return frame.sort(["case", "ts", "seq"])


@dataclass
class LogAnalysis:
    cases: int
    events: int
    dfg: list[dict] = field(default_factory=list)  # source, target, count, mean_s, median_s
    variants: list[dict] = field(default_factory=list)  # activities, cases, share
    case_duration_median_s: float = 0.0
    case_duration_p90_s: float = 0.0
    rework: list[dict] = field(default_factory=list)  # activity, cases_with_rework, repeats
    waiting: list[dict] = field(default_factory=list)  # activity, mean_s, median_s, events (bottlenecks first)
    activities: list[dict] = field(default_factory=list)  # activity, events, cases, case_share

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def analyse(events: pl.DataFrame) -> LogAnalysis:
    """Every figure the LEAN pages show, from one event table; the queries run together (collect_all)."""
    base = order_events(events).lazy()
    # Events are sorted by case: the next/previous event belongs to the same case when the case id matches.
    same_next = pl.col("case") == pl.col("case").shift(-1)
    same_previous = pl.col("case") == pl.col("case").shift(1)
    with_next = base.with_columns(
        pl.when(same_next).then(pl.col("activity").shift(-1)).alias("next_activity"),
        pl.when(same_next).then(pl.col("ts").shift(-1)).alias("next_ts"),
        pl.when(same_previous).then(pl.col("ts").shift(1)).alias("previous_ts"),
    )
    dfg = (
        with_next.filter(pl.col("next_activity").is_not_null())
        .with_columns(((pl.col("next_ts") - pl.col("ts")).dt.total_microseconds() / 1e6).alias("seconds"))
        .group_by("activity", "next_activity")
        .agg(pl.len().alias("count"), pl.col("seconds").mean().alias("mean_s"),
             pl.col("seconds").median().alias("median_s"))
        .sort(["count", "activity", "next_activity"], descending=[True, False, False])
    )
    traces = base.group_by("case").agg(
        pl.col("activity").str.join(SEPARATOR).alias("trace"),
        ((pl.col("ts").max() - pl.col("ts").min()).dt.total_microseconds() / 1e6).alias("duration_s"),
    )
    variants = traces.group_by("trace").agg(pl.len().alias("cases")).sort(["cases", "trace"],
                                                                         descending=[True, False])
    durations = traces.select(
        pl.len().alias("cases"),
        pl.col("duration_s").median().alias("median"),
        pl.col("duration_s").quantile(0.9, interpolation="linear").alias("p90"),
    )
    rework = (
        base.group_by("case", "activity").agg(pl.len().alias("n")).filter(pl.col("n") > 1)
        .group_by("activity").agg(pl.len().alias("cases_with_rework"), (pl.col("n") - 1).sum().alias("repeats"))
        .sort(["repeats", "activity"], descending=[True, False])
    )
    waiting = (
        with_next.filter(pl.col("previous_ts").is_not_null())
        .with_columns(((pl.col("ts") - pl.col("previous_ts")).dt.total_microseconds() / 1e6).alias("wait_s"))
        .group_by("activity")
        .agg(pl.col("wait_s").mean().alias("mean_s"), pl.col("wait_s").median().alias("median_s"),
             pl.len().alias("events"))
        .sort(["mean_s", "activity"], descending=[True, False])
    )
    activities = (
        base.group_by("activity").agg(pl.len().alias("events"), pl.col("case").n_unique().alias("cases"))
        .sort(["events", "activity"], descending=[True, False])
    )
    dfg, variants, durations, rework, waiting, activities = pl.collect_all(
        [dfg, variants, durations, rework, waiting, activities]
    )
    cases = int(durations["cases"][0])
    return LogAnalysis(
        cases=cases,
        events=events.height,
        dfg=[{"source": r["activity"], "target": r["next_activity"], "count": r["count"], "mean_s": r["mean_s"],
              "median_s": r["median_s"]} for r in dfg.iter_rows(named=True)],
        variants=[{"activities": r["trace"].split(SEPARATOR), "cases": r["cases"], "share": r["cases"] / cases}
                  for r in variants.iter_rows(named=True)],
        case_duration_median_s=float(durations["median"][0] or 0),
        case_duration_p90_s=float(durations["p90"][0] or 0),
        rework=list(rework.iter_rows(named=True)),
        waiting=list(waiting.iter_rows(named=True)),
        activities=[{**r, "case_share": r["cases"] / cases} for r in activities.iter_rows(named=True)],
    )


# Why a step of the map is a candidate for elimination, with the thresholds that make it one.
SKIPPED_BELOW = 0.5  # performed in fewer than half of the cases
REWORK_FROM = 0.2  # repeated in at least a fifth of the cases
WAITING_FROM = 0.25  # waiting before it is at least a quarter of the median case duration


def elimination_candidates(steps, analysis: LogAnalysis) -> list[dict]:
    """Steps of the map that the measured cases mostly skip, repeat, or wait for without adding value."""
    by_activity = {row["activity"]: row for row in analysis.activities}
    rework = {row["activity"]: row for row in analysis.rework}
    waiting = {row["activity"]: row for row in analysis.waiting}
    candidates = []
    for step in steps:
        name = step.activity_name
        reasons = []
        share = by_activity.get(name, {}).get("case_share", 0.0)
        if name not in by_activity:
            reasons.append("never_performed")
        elif share < SKIPPED_BELOW:
            reasons.append("mostly_skipped")
        repeated = rework.get(name, {}).get("cases_with_rework", 0) / analysis.cases if analysis.cases else 0
        if repeated >= REWORK_FROM:
            reasons.append("repeated")
        wait = waiting.get(name, {}).get("median_s") or 0
        if (step.value_class != "value_adding" and analysis.case_duration_median_s
                and wait >= WAITING_FROM * analysis.case_duration_median_s):
            reasons.append("waiting")
        if reasons:
            candidates.append({"step": step, "reasons": reasons, "case_share": share, "rework_share": repeated,
                               "median_wait_s": wait})
    return candidates
