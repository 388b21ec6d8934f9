"""Issue 15: each API list reads the database a fixed number of times, whatever the size of the data and the
depth of the page (absolute numbers, with the demo and with 200 more rows of each kind)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .bulk import grow

pytestmark = pytest.mark.django_db

# The page, its prefetches, nothing else: no count over the list, no query per row.
# A list with joined relations or grouped counts reads its page's ids first (narrow rows to sort), then the rows.
LISTS = {
    "/api/projects": 2,  # the page's ids, its rows (partners are the detail's; projects.queries counts none)
    "/api/programmes": 2,  # the page's ids, its rows (their projects counted for them only)
    "/api/activities": 4,  # the page's ids, its rows, their host places, their topics
    "/api/news": 3,  # the page's ids, its rows, their funding statements (rendered texts come from the cache)
    "/api/municipalities": 3,  # the page's ids, its rows, their latest population figures
    "/api/organisations": 2,
    "/api/topics": 3,  # the page's ids, its rows (narrower topics counted for them only), their synonyms
    "/api/lean/services": 2,
    "/api/sources": 2,  # the page's ids, its rows (citations counted for them only)
}


def _queries(client, address) -> tuple[int, dict]:
    client.get(address)  # warms what is cached (rendered Markdown, added kinds)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, response.content
    # The request's savepoint (guards.guard) is not a read.
    reads = [q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    return len(reads), response.json()


def _counts(client) -> dict:
    counts = {}
    for address in LISTS:
        first, page = _queries(client, address)
        deep = first
        if page["next"]:  # the second page, by cursor: the same queries as the first
            deep, _page = _queries(client, page["next"])
        counted, _page = _queries(client, f"{address}?count=true")  # one COUNT more, nothing read whole
        counts[address] = (first, deep, counted)
    return counts


def test_every_list_costs_the_same_queries_with_the_demo_and_with_200_more_rows(client, demo):
    small = _counts(client)
    grow(200)
    large = _counts(client)
    expected = {address: (n, n, n + 1) for address, n in LISTS.items()}
    assert small == expected
    assert large == expected
