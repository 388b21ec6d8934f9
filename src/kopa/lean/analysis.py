"""Event-log analysis for the LEAN system, in polars.

An event log is a table of (case, activity, timestamp[, resource, department]). Events are ordered by
case and time with the file order as the tie-break, because document systems often record dates
without times and several steps of one case then share a timestamp.

The file is read by polars' streaming CSV reader straight from disk (or from the uploaded bytes) with only
the needed columns; checks cost one null count per column on a good file, and only a bad file pays for
finding its first bad line. A log already grouped by case in time order — what document systems export —
is not sorted again.
"""

import codecs
import csv
import io
import os
from dataclasses import dataclass, field

import polars as pl
from django.conf import settings
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

from .workhours import WorkingCalendar

VARIANTS_KEPT = 100  # the most frequent variants are stored; the number of all of them is kept too

# Accepted names of each column (ours first, then the XES-style names process-mining tools export).
COLUMNS = {
    "case": ("case_id", "case", "case:concept:name", "caseid"),
    "activity": ("activity", "concept:name", "event", "step"),
    "timestamp": ("timestamp", "time:timestamp", "time", "date"),
    "resource": ("resource", "org:resource", "performer"),
    "department": ("department", "org:group", "unit"),
}
REQUIRED = ("case", "activity", "timestamp")
# Formats without fractions come first: polars parses them several times faster.
TIMESTAMP_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f",
                      "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                     "%Y-%m-%d", "%d.%m.%Y %H:%M", "%d.%m.%Y")
HEAD_BYTES = 64 * 1024  # enough to see the header, the separator and the first timestamp
CASE_SEEDS = (0x6B6F7061, 0x2A5F3C91)  # of the two hashes of each case id (any two unrelated numbers)


class EventLogError(DomainError):
    def __init__(self, problem, *, line: int | None = None):
        self.problem, self.line = problem, line
        message = problem if line is None else _("line %(line)d: %(problem)s") % {"line": line, "problem": problem}
        super().__init__(message, field="file", code="event_log")


def limit_bytes() -> int:
    """The largest event log accepted, uncompressed: set by the administrator (KOPA_LEAN_MAX_UPLOAD_MB)."""
    return settings.KOPA_LEAN_MAX_UPLOAD_MB * 1024 * 1024


def too_large() -> EventLogError:
    return EventLogError(_("The file is larger than %(mb)d MB.") % {"mb": settings.KOPA_LEAN_MAX_UPLOAD_MB})


def is_xes(head: bytes) -> bool:
    return head.lstrip().removeprefix(b"\xef\xbb\xbf")[:5] in (b"<?xml", b"<log ", b"<log>")


def check_head(head: bytes) -> tuple[str, list[str], dict[str, str], bytes] | None:
    """What the start of a log says: (separator, header, chosen column of each key, the rest of the head) of a CSV
    file, None for an XES file. Cheap — it reads only the head — so an upload is refused at once for a missing
    column or a file that is not text, before anything is stored or parsed."""
    if not head.strip():
        raise EventLogError(_("The file is empty."))
    if is_xes(head):
        return None
    head = head.removeprefix(b"\xef\xbb\xbf")
    header_line, _newline, rest = head.partition(b"\n")
    try:
        header_text = header_line.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        raise EventLogError(_("The file is not UTF-8 text (a CSV file is expected)."), line=1) from None
    separator = ";" if header_text.count(";") > header_text.count(",") else ","
    header = next(csv.reader([header_text], delimiter=separator), [])
    names = {column.strip().lower(): column for column in header}
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
    return separator, header, chosen, rest


_parses = 0


def parse_count() -> int:
    """How many logs this process has parsed: an upload is parsed once, by the analysis (the tests count)."""
    return _parses


def read_event_log(source: bytes | str | os.PathLike, max_bytes: int | None | bool = True) -> pl.DataFrame:
    """Parse and check a CSV or XES log given as bytes or as a path; the first bad line is reported. A log over
    `max_bytes` (by default the administrator's limit, None for none) is refused.

    Returns the events as (case, activity, ts) in file order; `analyse` orders them. `case` is a 64-bit code of
    the case id (the ids themselves are never needed again), `activity` a categorical.
    """
    global _parses
    _parses += 1
    if max_bytes is True:
        max_bytes = limit_bytes()
    if isinstance(source, bytes | bytearray):
        size, head = len(source), bytes(source[:HEAD_BYTES])
    else:
        size = os.path.getsize(source)
        with open(source, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    if not head.strip():
        raise EventLogError(_("The file is empty."))
    if max_bytes is not None and size > max_bytes:
        raise too_large()
    if is_xes(head):
        if not isinstance(source, bytes | bytearray):
            with open(source, "rb") as handle:
                source = handle.read()
        source = _xes_to_csv(bytes(source))
        head = source[:HEAD_BYTES]
    separator, header, chosen, rest = check_head(head)
    fmt = _timestamp_format(rest, header, chosen["timestamp"], separator)

    def scan() -> pl.LazyFrame:
        data = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
        return pl.scan_csv(data, separator=separator, infer_schema=False, truncate_ragged_lines=False)

    case = pl.col(chosen["case"]).str.strip_chars()
    present = case.str.len_bytes() > 0  # an id of spaces only is no id
    query = scan().select(
        # Each case id as a hash: cheap, where putting hundreds of thousands of ids in random order into a
        # dictionary (a categorical) costs as much as the rest of the reading. Two hashes of unrelated seeds are
        # counted below: a collision of the first shows as fewer distinct values than the second has.
        pl.when(present).then(case.hash(CASE_SEEDS[0])).alias("case"),
        pl.when(present).then(case.hash(CASE_SEEDS[1])).alias("check"),
        # A categorical: each event keeps a 32-bit code, each activity name is stored once.
        pl.col(chosen["activity"]).cast(pl.Categorical).alias("activity"),
        # Unstripped on the fast path: a value with spaces around it fails here and the slow path strips it.
        _parse(pl.col(chosen["timestamp"]), fmt).alias("ts"),
    )
    frame = _collect(query, source)
    if frame.height == 0:
        raise EventLogError(_("The file has no events, only the row of column names."), line=2)
    if not _distinct(frame):
        # Two ids with one hash: numbered exactly instead, through a dictionary of the ids.
        exact = pl.when(present).then(case.cast(pl.Categorical).to_physical().cast(pl.UInt64)).alias("case")
        exact = _collect(scan().select(exact), source)
        frame = frame.with_columns(exact["case"])
    frame = frame.drop("check")
    # Names with spaces around them, or of spaces only (empty, then), are rare: the distinct values say whether
    # there are any, and only then is every value stripped.
    if _untidy(frame["activity"]):
        frame = frame.with_columns(_cleaned(pl.col("activity").cast(pl.String)).cast(pl.Categorical))
    nulls = frame.null_count().row(0, named=True)
    if nulls["case"] or nulls["activity"]:
        key = "case" if nulls["case"] else "activity"
        line = frame.with_row_index("row").filter(pl.col(key).is_null())["row"][0] + 2
        raise EventLogError(_("the column “%(column)s” is empty") % {"column": COLUMNS[key][0]}, line=line)
    if nulls["ts"]:
        # A column of mixed formats: the slow path tries every format on every value.
        raw = _collect(scan().select(_cleaned(pl.col(chosen["timestamp"])).alias("raw")), source)["raw"]
        frame = frame.with_columns(_parse(pl.lit(raw), None).alias("ts"))
        if frame["ts"].null_count():
            bad = frame.with_row_index("row").with_columns(raw.alias("raw")).filter(pl.col("ts").is_null())
            if bad["raw"][0] is None:
                raise EventLogError(_("the column “%(column)s” is empty") % {"column": COLUMNS["timestamp"][0]},
                                    line=int(bad["row"][0]) + 2)
            raise EventLogError(_("“%(value)s” is not a date and time (use 2024-03-01 14:30)") % {
                "value": bad["raw"][0]}, line=int(bad["row"][0]) + 2)
    return frame


def _cleaned(value: pl.Expr) -> pl.Expr:
    value = value.str.strip_chars()
    return pl.when(value.str.len_bytes() > 0).then(value)


def _distinct(frame: pl.DataFrame) -> bool:
    """Whether the case hashes tell the cases apart: as many distinct values of one as of the other. Counted on the
    rows where either changes, which hold every distinct value: a tenth of the rows of a log sorted by case."""
    changed = pl.any_horizontal(pl.col(c).ne_missing(pl.col(c).shift(1)) for c in ("case", "check"))
    first, second = frame.lazy().filter(changed).select(pl.col("case", "check").n_unique()).collect().row(0)
    return first == second


def _untidy(column: pl.Series) -> bool:
    values = column.unique().drop_nulls().cast(pl.String)
    return bool((values.str.len_bytes() == 0).any() or (values.str.strip_chars() != values).any())


def _xes_to_csv(data: bytes) -> bytes:
    """An XES file (IEEE 1849) as the CSV this module reads: trace concept:name, event concept:name,
    time:timestamp, org:resource. Parsed with defusedxml: no entity expansion, no external entities."""
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


def _collect(query: pl.LazyFrame, source) -> pl.DataFrame:
    try:
        return query.collect(engine="streaming")
    except pl.exceptions.ComputeError as error:
        if "utf-8" in str(error).lower() or "utf8" in str(error).lower():
            raise EventLogError(_("The file is not UTF-8 text (a CSV file is expected)."),
                                line=_first_undecodable_line(source)) from None
        raise EventLogError(_("The file is not a readable CSV table (%(detail)s).") % {
            "detail": str(error).splitlines()[0][:120]}) from None
    except pl.exceptions.PolarsError as error:
        raise EventLogError(_("The file is not a readable CSV table (%(detail)s).") % {
            "detail": str(error).splitlines()[0][:120]}) from None


def _first_undecodable_line(source) -> int | None:
    """The line of the first byte that is not UTF-8, read in pieces so a large file is never held twice."""
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else open(source, "rb")  # noqa: SIM115
    decoder, line = codecs.getincrementaldecoder("utf-8")(), 1
    with handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return line + chunk[: error.start].count(b"\n")
            line += chunk.count(b"\n")
    return None


def _timestamp_format(rest: bytes, header: list[str], column: str, separator: str) -> str | None:
    """The format of the first timestamp in the file, tried on the whole column in one pass."""
    try:
        lines = rest.decode("utf-8", errors="ignore").splitlines()[:1]
        row = next(csv.reader(lines, delimiter=separator))
        sample = row[header.index(column)].strip()
    except (StopIteration, IndexError):
        return None
    for fmt in TIMESTAMP_FORMATS:
        if pl.Series([sample]).str.strptime(pl.Datetime("us"), fmt, strict=False)[0] is not None:
            return fmt
    return None


def _parse(value: pl.Expr, fmt: str | None) -> pl.Expr:
    # No cache: nearly every timestamp of a log is distinct, and looking each one up first costs more than parsing.
    if fmt is not None:
        return value.str.strptime(pl.Datetime("us"), fmt, strict=False, cache=False)
    return pl.coalesce(*(value.str.strptime(pl.Datetime("us"), f, strict=False, cache=False)
                         for f in TIMESTAMP_FORMATS))


def order_events(frame: pl.DataFrame, clock: pl.Expr | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The events in the order of case, then time, then the file (a fixed tie-break for equal timestamps), and
    the cases they make up.

    Returns (events, traces): events as (key, activity, t) — `key` numbers the cases, `activity` is the code of
    the activity's category, `t` the `clock` (microseconds of calendar time by default) — and traces as
    (key, trace, duration_us), one row per case with its activity codes in order. The case ids are not kept.

    A log whose cases are already contiguous and in time order — as document systems export them — is not sorted:
    its cases are runs of rows. Any other is sorted by time (stably, so equal times keep the file's order; not at
    all when the file is in time order, as a log exported by date is) and then grouped by case, which keeps each
    case's rows in that order: a sort and a hash grouping of integers, several times cheaper than sorting on case
    and time.
    """
    ts = pl.col("ts").dt.epoch("us")
    # In calendar time the clock is the timestamp itself: one column, sorted on and carried along.
    events = frame.select(pl.col("case"), pl.col("activity").to_physical(), ts.alias("t" if clock is None else "ts"),
                          *([] if clock is None else [clock.alias("t")]))
    when = "t" if clock is None else "ts"
    case = pl.col("case")
    new_case = (case != case.shift(1)).fill_null(True)
    runs, timely, by_time = events.select(
        new_case.sum().alias("runs"),
        (new_case | (pl.col(when) >= pl.col(when).shift(1))).all().alias("timely"),
        (pl.col(when).diff() >= 0).all().alias("by_time"),
    ).row(0)
    # Contiguous if there are as many runs as cases; counting the cases is skipped where runs are shorter than two
    # events on average (a shuffled log), which the grouping below handles as well.
    contiguous = timely and runs * 2 <= events.height and runs == events.filter(new_case)["case"].n_unique()
    duration = (pl.col("t").max() - pl.col("t").min()).alias("duration_us")
    if contiguous:
        # Runs of one case: marked as sorted, the key is grouped by slicing, not by hashing.
        events = events.select(new_case.cum_sum().cast(pl.UInt32).set_sorted().alias("key"), "activity", "t")
        traces = events.lazy().group_by("key").agg(pl.col("activity").alias("trace"), duration).collect()
        return events, traces
    if not by_time:
        events = events.sort(when, maintain_order=True)
    grouped = events.lazy().group_by("case").agg("activity", "t").collect()
    traces = grouped.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("key"), pl.col("activity").alias("trace"),
                            (pl.col("t").list.max() - pl.col("t").list.min()).alias("duration_us"))
    events = grouped.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("key"), "activity", "t").explode(
        "activity", "t")
    return events.with_columns(pl.col("key").set_sorted()), traces


@dataclass
class LogAnalysis:
    cases: int
    events: int
    dfg: list[dict] = field(default_factory=list)  # source, target, count, mean_s, median_s
    variants: list[dict] = field(default_factory=list)  # activities, cases, share (the most frequent ones)
    variant_count: int = 0  # all variants, also those not kept
    case_duration_median_s: float = 0.0
    case_duration_p90_s: float = 0.0
    rework: list[dict] = field(default_factory=list)  # activity, cases_with_rework, repeats
    waiting: list[dict] = field(default_factory=list)  # activity, mean_s, median_s, events (bottlenecks first)
    activities: list[dict] = field(default_factory=list)  # activity, events, cases, case_share
    basis: str = "calendar"  # durations in calendar time, or "working" hours of `calendar_country`
    calendar_country: str = ""

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def analyse(events: pl.DataFrame, calendar: WorkingCalendar | None = None) -> LogAnalysis:
    """Every figure the LEAN pages show, from one event table (case, activity, ts).

    With a working calendar every duration counts only working hours of working days. The heavy work is on
    integers: the activities' category codes, a pair of them packed into one 64-bit key, microseconds.
    """
    if events.schema["case"] not in (pl.UInt64, pl.UInt32):  # ids rather than read_event_log's codes
        events = events.with_columns(pl.col("case").cast(pl.Categorical).to_physical())
    if events.schema["activity"] != pl.Categorical:
        events = events.with_columns(pl.col("activity").cast(pl.Categorical))
    clock = None
    if calendar:
        first, last = events["ts"].min(), events["ts"].max()
        clock = calendar.clock(pl.col("ts"), first.year, last.year) if first else None
    ordered, traces = order_events(events, clock)
    names = events.lazy().select(pl.col("activity").unique()).select(
        pl.col("activity").to_physical().alias("code"), pl.col("activity").cast(pl.String).alias("name"))
    same_next = pl.col("key") == pl.col("key").shift(-1)
    # One row per directly-follows pair: its duration is also the waiting before the second activity. Durations
    # stay whole microseconds until the end, so a mean does not depend on the order its terms were added in.
    steps = ordered.lazy().select(
        "activity",
        pl.when(same_next).then(pl.col("activity").shift(-1)).alias("next_activity"),
        (pl.col("t").shift(-1) - pl.col("t")).alias("us"),
    ).filter(pl.col("next_activity").is_not_null()).collect()

    def mean_and_median() -> list[pl.Expr]:
        return [(pl.col("us").sum() / pl.len() / 1e6).alias("mean_s"), (pl.col("us").median() / 1e6).alias("median_s")]

    pair = (pl.col("activity").cast(pl.UInt64) * (1 << 32) + pl.col("next_activity")).alias("pair")
    dfg = steps.lazy().group_by(pair).agg(pl.len().alias("count"), *mean_and_median()).select(
        (pl.col("pair") // (1 << 32)).cast(pl.UInt32).alias("activity"),
        (pl.col("pair") % (1 << 32)).cast(pl.UInt32).alias("next_activity"), "count", "mean_s", "median_s")
    waiting = steps.lazy().group_by(pl.col("next_activity").alias("activity")).agg(*mean_and_median(),
                                                                                  pl.len().alias("events"))
    variants = traces.lazy().group_by("trace").agg(pl.len().alias("cases"))
    duration_s = pl.col("duration_us") / 1e6
    durations = traces.lazy().select(
        pl.len().alias("cases"),
        duration_s.median().alias("median"),
        duration_s.quantile(0.9, interpolation="linear").alias("p90"),
    )
    dfg, waiting, variants, durations, names = pl.collect_all([dfg, waiting, variants, durations, names],
                                                              engine="streaming")
    del steps, ordered, traces
    # How often each variant performs each activity, weighted by its cases: the same counts as per case, from a
    # table a fraction of the size of the log.
    per_variant = (variants.with_row_index("variant").explode("trace")
                   .group_by("variant", "trace").agg(pl.len().alias("n"), pl.first("cases")))
    activities = per_variant.group_by(pl.col("trace").alias("activity")).agg(
        (pl.col("n") * pl.col("cases")).sum().alias("events"), pl.col("cases").sum().alias("cases"),
        pl.col("cases").filter(pl.col("n") > 1).sum().alias("cases_with_rework"),
        ((pl.col("n") - 1) * pl.col("cases")).sum().alias("repeats"),
    )

    # Small tables from here on: the codes become names, and sorting by name as well puts equal counts always in
    # one order.
    lookup = dict(zip(names["code"].to_list(), names["name"].to_list(), strict=True))

    def named(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
        return frame.with_columns(pl.col(c).replace_strict(lookup, return_dtype=pl.String) for c in columns)

    rework = named(activities.filter(pl.col("cases_with_rework") > 0).select("activity", "cases_with_rework",
                                                                             "repeats"), "activity")
    activities = named(activities.select("activity", "events", "cases"), "activity")
    dfg = named(dfg, "activity", "next_activity").sort(["count", "activity", "next_activity"],
                                                       descending=[True, False, False])
    variant_count = variants.height
    if variant_count > VARIANTS_KEPT:  # only those that may be kept are named: ties at the last place too
        variants = variants.filter(pl.col("cases") >= pl.col("cases").top_k(VARIANTS_KEPT).min())
    variants = (variants.with_columns(pl.col("trace").list.eval(pl.element().replace_strict(lookup,
                                                                                             return_dtype=pl.String)))
                .sort(["cases", "trace"], descending=[True, False]).head(VARIANTS_KEPT))
    rework = rework.sort(["repeats", "activity"], descending=[True, False])
    waiting = named(waiting, "activity").sort(["mean_s", "activity"], descending=[True, False])
    activities = activities.sort(["events", "activity"], descending=[True, False])
    cases = int(durations["cases"][0])
    return LogAnalysis(
        cases=cases,
        events=events.height,
        dfg=[{"source": r["activity"], "target": r["next_activity"], "count": r["count"], "mean_s": r["mean_s"],
              "median_s": r["median_s"]} for r in dfg.iter_rows(named=True)],
        variants=[{"activities": r["trace"], "cases": r["cases"], "share": r["cases"] / cases}
                  for r in variants.iter_rows(named=True)],
        variant_count=variant_count,
        case_duration_median_s=float(durations["median"][0] or 0),
        case_duration_p90_s=float(durations["p90"][0] or 0),
        rework=list(rework.iter_rows(named=True)),
        waiting=list(waiting.iter_rows(named=True)),
        activities=[{**r, "case_share": r["cases"] / cases} for r in activities.iter_rows(named=True)],
        basis="working" if calendar else "calendar",
        calendar_country=calendar.country if calendar else "",
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
