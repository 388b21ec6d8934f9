"""Issue 15: API lists are bounded (`limit`), walked by cursor (`next`) with no row twice or missed, even while
rows are added, and answer 400 — never 500 — to a cursor that is not theirs."""

import datetime

import pytest

from kopa.api.pages import DEFAULT_LIMIT, MAX_LIMIT
from kopa.projects.models import Project

from .bulk import grow

pytestmark = pytest.mark.django_db

LISTS = ["/api/projects", "/api/programmes", "/api/activities", "/api/activities?sort=date", "/api/news",
         "/api/municipalities", "/api/organisations", "/api/topics", "/api/lean/services", "/api/sources"]


def _id(row: dict):
    return row.get("id") or row.get("slug") or row.get("code")


def _walk(client, address: str, limit: int) -> list:
    """Every row, page by page through `next`."""
    joiner = "&" if "?" in address else "?"
    page = client.get(f"{address}{joiner}limit={limit}").json()
    rows = list(page["items"])
    for _step in range(1000):
        if not page["next"]:
            return rows
        page = client.get(page["next"]).json()
        rows.extend(page["items"])
    raise AssertionError("the walk did not end")


def _by_offset(client, address: str) -> list:
    joiner = "&" if "?" in address else "?"
    rows, offset = [], 0
    while True:
        page = client.get(f"{address}{joiner}limit={MAX_LIMIT}&offset={offset}").json()
        rows.extend(page["items"])
        if not page["next"]:
            return rows
        offset += MAX_LIMIT


def test_every_list_refuses_a_page_beyond_the_cap_and_states_it(client):
    document = client.get("/api/openapi.json").json()
    paged = {path: {p["name"]: p for p in operations["get"]["parameters"]}
             for path, operations in document["paths"].items()
             if any(p["name"] == "cursor" for p in operations.get("get", {}).get("parameters", []))}
    assert {"/api/projects", "/api/activities", "/api/news", "/api/organisations", "/api/sources"} <= set(paged)
    for parameters in paged.values():
        assert parameters["limit"]["schema"]["maximum"] == MAX_LIMIT
        assert parameters["limit"]["schema"]["default"] == DEFAULT_LIMIT and "count" in parameters
    for address in ["/api/projects", "/api/news", "/api/activities", "/api/organisations"]:
        response = client.get(f"{address}?limit={MAX_LIMIT + 1}")
        assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "limit"]
    assert "cursor" in document["info"]["description"] and "count=true" in document["info"]["description"]


def test_a_cursor_walks_every_list_with_no_row_twice_and_none_missed(client, demo):
    grow(60)
    for address in LISTS:
        expected = [_id(row) for row in _by_offset(client, address)]
        walked = [_id(row) for row in _walk(client, address, 7)]
        assert walked == expected, address
        assert len(set(walked)) == len(walked), address
    first = client.get("/api/activities").json()
    assert len(first["items"]) == DEFAULT_LIMIT and first["count"] is None and "cursor=" in first["next"]
    total = client.get("/api/activities?count=true").json()["count"]
    assert total == len(_walk(client, "/api/activities", MAX_LIMIT))


def test_rows_added_during_a_walk_neither_repeat_nor_hide_the_others(client, demo):
    grow(30)
    before = [_id(row) for row in _by_offset(client, "/api/projects")]
    page = client.get("/api/projects?limit=10").json()
    seen = [_id(row) for row in page["items"]]
    # Sorted newest first: one lands before the position reached, one after it.
    newest = Project.objects.create(code="ADDED-NEW", title_lv="Jauns", start_date=datetime.date(2099, 1, 1))
    oldest = Project.objects.create(code="ADDED-OLD", title_lv="Vecs", start_date=datetime.date(1901, 1, 1))
    while page["next"]:
        page = client.get(page["next"]).json()
        seen.extend(_id(row) for row in page["items"])
    assert len(seen) == len(set(seen))
    assert set(before) <= set(seen)
    assert oldest.pk in seen and newest.pk not in seen  # only what lies ahead of the position is met


@pytest.mark.parametrize("cursor", ["x", "not-a-cursor:at:all", "%00", "eyJvIjoiMSJ9:abc:def", "a" * 900])
def test_a_cursor_that_is_not_ours_is_answered_400(client, cursor):
    response = client.get("/api/projects", {"cursor": cursor})
    assert response.status_code == 400 or (cursor == "%00" and response.status_code == 422)
    assert response.json()["detail"]


def test_a_cursor_of_another_list_or_order_is_answered_400(client, demo):
    cursor = client.get("/api/activities?limit=2").json()["next"].split("cursor=")[1].split("&")[0]
    assert client.get(f"/api/activities?limit=2&cursor={cursor}").status_code == 200
    assert client.get(f"/api/activities?sort=date&cursor={cursor}").status_code == 400
    response = client.get(f"/api/projects?cursor={cursor}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "cursor" in response.json()["detail"]
    assert client.get("/api/projects?cursor=" + "a" * 1001).status_code == 422  # longer than any cursor made


def test_a_last_page_tells_the_total_and_the_count_is_given_when_asked(client, demo):
    everything = _walk(client, "/api/organisations", MAX_LIMIT)
    last = client.get(f"/api/organisations?limit=5&offset={len(everything) - 3}").json()
    assert len(last["items"]) == 3 and last["count"] == len(everything) and last["next"] is None
    assert client.get("/api/organisations?limit=5").json()["count"] is None
    assert client.get("/api/organisations?limit=5&count=true").json()["count"] == len(everything)
