"""Every figure of the analysis equals what a person computes by hand on a small log."""

import pytest
from django.utils import translation

from kopa.lean import analysis
from kopa.lean.analysis import EventLogError, read_event_log

LOG = b"""case_id,activity,timestamp,resource
A,submit,2024-01-01 09:00,clerk
A,check,2024-01-01 09:30,officer
A,check,2024-01-01 10:30,officer
A,approve,2024-01-01 12:00,head
B,submit,2024-01-02 09:00,clerk
B,check,2024-01-02 10:00,officer
B,approve,2024-01-03 10:00,head
C,check,2024-01-03,officer
C,submit,2024-01-03,clerk
C,approve,2024-01-04,head
"""
HOUR = 3600.0


def _analysis():
    return analysis.analyse(read_event_log(LOG))


def test_directly_follows_counts_and_durations():
    dfg = {(r["source"], r["target"]): r for r in _analysis().dfg}
    assert set(dfg) == {
        ("submit", "check"),
        ("check", "check"),
        ("check", "approve"),
        ("submit", "approve"),
        ("check", "submit"),
    }
    assert dfg[("check", "approve")]["count"] == 2
    # A: 10:30 → 12:00 (1.5 h); B: 10:00 → next day 10:00 (24 h)
    assert dfg[("check", "approve")]["mean_s"] == (1.5 * HOUR + 24 * HOUR) / 2
    assert dfg[("check", "approve")]["median_s"] == (1.5 * HOUR + 24 * HOUR) / 2
    assert dfg[("submit", "check")]["mean_s"] == (0.5 * HOUR + 1 * HOUR) / 2
    assert dfg[("check", "check")]["count"] == 1 and dfg[("check", "check")]["mean_s"] == HOUR


def test_equal_timestamps_keep_the_order_of_the_file():
    dfg = {(r["source"], r["target"]) for r in _analysis().dfg}
    assert ("check", "submit") in dfg  # case C lists check before submit at the same date


def test_variants_with_their_share():
    variants = {tuple(v["activities"]): v for v in _analysis().variants}
    assert set(variants) == {
        ("submit", "check", "check", "approve"),
        ("submit", "check", "approve"),
        ("check", "submit", "approve"),
    }
    assert all(v["cases"] == 1 and v["share"] == pytest.approx(1 / 3) for v in variants.values())


def test_case_durations_median_and_p90():
    result = _analysis()
    # A 3 h, B 25 h, C 24 h → median 24 h; p90 = 24 h + 0.8 × (25 h − 24 h) by linear interpolation
    assert result.case_duration_median_s == 24 * HOUR
    assert result.case_duration_p90_s == 24 * HOUR + 0.8 * HOUR


def test_rework_and_waiting_before_each_activity():
    result = _analysis()
    assert result.rework == [{"activity": "check", "cases_with_rework": 1, "repeats": 1}]
    waiting = {w["activity"]: w for w in result.waiting}
    # approve waits 1.5 h (A), 24 h (B), 24 h (C): the bottleneck, listed first
    assert result.waiting[0]["activity"] == "approve"
    assert waiting["approve"]["mean_s"] == (1.5 + 24 + 24) * HOUR / 3
    assert waiting["approve"]["median_s"] == 24 * HOUR


def test_events_out_of_order_in_the_file_are_ordered_by_time():
    shuffled = b"case_id,activity,timestamp\nA,approve,2024-01-01 12:00\nA,submit,2024-01-01 09:00\n"
    result = analysis.analyse(read_event_log(shuffled))
    assert result.variants[0]["activities"] == ["submit", "approve"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"case_id,activity,timestamp\n", "no events"),
        (b"case_id,timestamp\nA,2024-01-01\n", "activity"),
        (b"case_id,activity,timestamp\nA,submit,2024-01-01\nA,check,yesterday\n", "line 3"),
        (b"case_id,activity,timestamp\nA,,2024-01-01\n", "line 2"),
        (b"\xff\xfe\x00garbage" * 10, "UTF-8"),
        (b"x" * (50 * 1024 * 1024 + 1), "50 MB"),
    ],
)
def test_malformed_logs_are_refused_with_the_line_and_the_problem(data, words):
    with translation.override("en"), pytest.raises(EventLogError) as error:
        read_event_log(data)
    assert words in str(error.value)


def test_a_semicolon_separated_export_with_xes_names_is_read():
    data = b"case:concept:name;concept:name;time:timestamp\n1;Iesniegums;01.02.2024 10:00\n"
    frame = read_event_log(data)
    assert frame["activity"].to_list() == ["Iesniegums"]


XES = b"""<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <trace><string key="concept:name" value="A"/>
    <event><string key="concept:name" value="submit"/>
      <date key="time:timestamp" value="2024-01-01T09:00:00.000+02:00"/></event>
    <event><string key="concept:name" value="approve"/>
      <date key="time:timestamp" value="2024-01-01T12:00:00.000+02:00"/></event>
  </trace>
  <trace><string key="concept:name" value="B"/>
    <event><string key="concept:name" value="submit"/>
      <date key="time:timestamp" value="2024-01-02T09:00:00.000+02:00"/></event>
  </trace>
</log>
"""


def test_an_xes_log_is_read_like_a_csv_one():
    result = analysis.analyse(read_event_log(XES))
    assert result.cases == 2 and result.events == 3
    assert result.dfg == [
        {"source": "submit", "target": "approve", "count": 1, "mean_s": 3 * HOUR, "median_s": 3 * HOUR}
    ]


def test_an_xes_bomb_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><log>&b;</log>'
    with translation.override("en"), pytest.raises(EventLogError, match="XES"):
        read_event_log(bomb)


def test_ids_and_names_with_spaces_around_them_are_the_same_case_and_step():
    padded = LOG.replace(b"A,check,", b" A ,check ,").replace(b"B,approve", b"B\t, approve")
    assert analysis.analyse(read_event_log(padded)).as_dict() == _analysis().as_dict()


@pytest.mark.parametrize(("row", "column"), [(b"   ,check,2024-01-05 10:00", "case_id"),
                                             (b"D,  ,2024-01-05 10:00", "activity")])
def test_an_id_or_a_name_of_spaces_only_is_an_empty_value_on_its_line(row, column):
    with translation.override("en"), pytest.raises(EventLogError) as error:
        read_event_log(LOG + row + b"\n")
    assert str(error.value) == f"line 12: the column “{column}” is empty"
