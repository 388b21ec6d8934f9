"""Deep pages of the site's big lists are read by cursor (`?after=…`, `?before=…`), not by skipping rows: walking a
list by its links gives the rows its numbered pages give, for every order offered, NULLs and ties included; a
cursor page runs the first page's number of queries and no OFFSET; a forged or foreign cursor shows the first page
with a message (issue 15, item 1)."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopa.activities.models import Activity
from kopa.directory.models import Municipality, Organisation
from kopa.projects.models import Project
from kopa.publications.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

PER_PAGE, NUMBERED = 3, 2  # small, so that 10 pages of a list hold 30 rows
ROWS = 31
DAY = datetime.date(2020, 1, 1)


def REFUSED():  # noqa: N802 (the message as the reader's language says it)
    return _("That page link is not valid any more (the list, its order or the language changed): here is the "
             "first page.")


@pytest.fixture(autouse=True)
def _small_pages(settings):
    settings.KOPA_PAGE_SIZE = PER_PAGE
    settings.KOPA_NUMBERED_PAGES = NUMBERED


def _activities():
    # Ties (four dates for 31 rows) and activities of unknown date, which sort last either way.
    Activity.objects.bulk_create([Activity(
        kind="training", title_lv=f"Pasākums {i}", status="open",
        start_date=None if i % 7 == 0 else DAY + datetime.timedelta(days=i % 4),
        end_date=None if i % 7 == 0 else DAY + datetime.timedelta(days=i % 4 + i % 2)) for i in range(ROWS)])


def _articles():
    now = timezone.now().replace(microsecond=0)
    Article.objects.bulk_create([Article(slug=f"zina-{i}", title_lv=f"Ziņa {i}", status=Article.Status.PUBLISHED,
                                         published_at=now - datetime.timedelta(days=i % 5)) for i in range(ROWS)])


def _projects():
    programme = factories.programme()
    Project.objects.bulk_create([Project(code=f"K-{i:03d}", title_lv=f"Projekts {i}", programme=programme,
                                         start_date=DAY + datetime.timedelta(days=i % 3), end_date=DAY.replace(
                                             year=2030)) for i in range(ROWS)])


def _municipalities():
    for i in range(ROWS):  # names repeat: the order falls back on the id
        factories.municipality(name=f"Novads {i % 6}", country_code="LT" if i % 3 else "LV")


def _organisations():
    for i in range(ROWS):
        factories.organisation(name=f"Biedrība {i % 4}")


LISTS = {
    "activities, newest first": ("activities:list", {}, _activities),
    "activities, oldest first": ("activities:list", {"sort": "date"}, _activities),
    "activities, a filter kept": ("activities:list", {"kind": "training", "sort": "date"}, _activities),
    "news": ("publications:news", {}, _articles),
    "projects": ("projects:list", {}, _projects),
    "municipalities": ("directory:municipalities", {}, _municipalities),
    "organisations": ("directory:organisations", {}, _organisations),
}


def _rows(response) -> list:
    return [row.pk for row in response.context["page"].object_list]


def _link(response, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" rel="{rel}">', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def _get(client, path, link):
    return client.get(link if link.startswith("/") else path + link)


def _walk(client, path, params, rel) -> list:
    """Each page's rows and address, following the page's own `rel` link from the first page (or from `start`)."""
    response = client.get(path, params)
    pages = [(_rows(response), response.request["QUERY_STRING"])]
    while (link := _link(response, rel)) is not None:
        response = _get(client, path, link)
        assert response.status_code == 200
        pages.append((_rows(response), response.request["QUERY_STRING"]))
        assert len(pages) < 500, "the walk did not end"
    return pages


@pytest.mark.parametrize("name", list(LISTS))
def test_walking_a_list_by_its_links_gives_the_rows_of_its_numbered_pages(client, name):
    view, params, build = LISTS[name]
    build()
    with translation.override("lv"):
        path = reverse(view)
    count = client.get(path, params).context["page"].paginator.count
    numbered = [_rows(client.get(path, {**params, "page": n})) for n in range(1, -(-count // PER_PAGE) + 1)]
    assert len(numbered) > NUMBERED + 2 and sum(map(len, numbered)) == count
    forward = _walk(client, path, params, "next")
    assert [rows for rows, _address in forward] == numbered
    # Numbered near the top, by cursor past the last numbered page; the filters kept throughout.
    addresses = [address for _rows_, address in forward]
    assert all(f"page={n}" in addresses[n - 1] for n in range(2, NUMBERED + 1))
    assert all("after=" in address and "page=" not in address for address in addresses[NUMBERED + 1:])
    assert all(f"{key}={value}" in address for address in addresses[1:] for key, value in params.items())
    # And back from the last page by "Previous page": the same pages again, by cursor up to the numbered ones.
    last = client.get(path + "?" + addresses[-1])
    back = [_rows(last)]
    response = last
    while (link := _link(response, "prev")) is not None:
        response = _get(client, path, link)
        back.append(_rows(response))
    assert back == numbered[::-1]


def test_a_cursor_page_runs_the_first_pages_queries_and_no_offset(client):
    _activities()
    path = "/lv/activities/"
    addresses = [address for _rows_, address in _walk(client, path, {}, "next")]
    deep = path + "?" + addresses[8]
    assert "after=" in deep
    client.get(path), client.get(deep)  # what is read once per process is read
    with CaptureQueriesContext(connection) as first:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as cursor_page:
        response = client.get(deep)
    assert response.context["page"].number == 9
    assert len(cursor_page) == len(first)
    assert not [q["sql"] for q in cursor_page if "OFFSET" in q["sql"].upper()]
    # (while a numbered page as deep skips the rows before it: the check above can fail)
    with CaptureQueriesContext(connection) as numbered:
        client.get(path, {"page": 9})
    assert [q["sql"] for q in numbered if "OFFSET" in q["sql"].upper()]
    page = response.content.decode()
    with translation.override("lv"):
        assert f'aria-label="{_("Pages")}"' in page and _("First page") in page
        assert _("Page %(number)s of %(total)s") % {"number": 9, "total": 11} in page


@pytest.mark.parametrize("cursor", ["nonsense", "eyJvIjoiMSJ9:1xZ:forged", "x" * 900])
def test_a_forged_cursor_shows_the_first_page_with_a_message(client, cursor):
    _activities()
    first = _rows(client.get("/lv/activities/"))
    for direction in ("after", "before"):
        response = client.get("/lv/activities/", {direction: cursor})
        assert response.status_code == 200
        assert _rows(response) == first and response.context["page"].refused
        with translation.override("lv"):
            assert html.escape(REFUSED()) in response.content.decode()


def test_a_cursor_of_another_list_or_language_is_refused_and_one_of_another_order_starts_that_order(client):
    _activities()
    _articles()

    def deep(path, params=None):
        return _walk(client, path, params or {}, "next")[NUMBERED + 1][1]

    newest_first = deep("/lv/activities/")
    for path in ("/lv/news/", "/en/activities/"):
        response = client.get(path + "?" + newest_first)
        assert response.status_code == 200 and response.context["page"].refused
        assert response.context["page"].number == 1
    assert not client.get("/lv/activities/?" + newest_first).context["page"].refused
    # Another sort chosen on a deep page (a sort heading keeps the rest of the address): the first page of that
    # order, as the click meant, and no message about a broken link.
    resorted = client.get(f"/lv/activities/?{newest_first}&sort=date")
    oldest_first = client.get("/lv/activities/", {"sort": "date"})
    assert _rows(resorted) == _rows(oldest_first) and resorted.context["page"].number == 1
    with translation.override("lv"):
        assert html.escape(REFUSED()) not in resorted.content.decode()


def test_a_cursor_page_of_a_list_shorter_than_it_was_shows_what_is_left(client):
    _activities()
    forward = _walk(client, "/lv/activities/", {}, "next")
    deep = forward[5][1]
    Activity.objects.filter(start_date__isnull=True).delete()  # the rows at the end go
    response = client.get("/lv/activities/?" + deep)
    page = response.context["page"]
    assert page.number == 6 and _link(response, "prev") is not None
    if not page.has_next():
        assert page.paginator.num_pages == 6  # the last page knows the total without counting


def test_a_list_that_no_cursor_can_hold_goes_by_number(rf):
    from kopa.core.pages import paginate

    rows = list(Municipality.objects.all()) + list(Organisation.objects.all())
    for i in range(10):
        rows.append(factories.municipality(name=f"Vieta {i}"))
    page = paginate(rf.get("/", {"page": 3}), rows, 3)
    assert page.number == 3 and page.links["next"] == {"page": 4} and page.links["previous"] == {"page": 2}
    random = paginate(rf.get("/", {"page": 3, "after": "nonsense"}), Municipality.objects.order_by("?"), 3)
    assert random.number == 3 and not random.refused  # no cursor can be had there, so none is read


@pytest.mark.postgres
def test_on_postgresql_a_cursor_page_of_a_big_table_says_about_and_counts_from_the_estimate(postgres, client,
                                                                                            settings):
    settings.KOPA_ESTIMATED_COUNT_ABOVE = 100
    Activity.objects.bulk_create([Activity(kind="training", title_lv=f"Pasākums {i}", status="open",
                                           start_date=DAY + datetime.timedelta(days=i % 40),
                                           end_date=DAY + datetime.timedelta(days=i % 40)) for i in range(300)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE activities_activity")
    pages = _walk(client, "/lv/activities/", {}, "next")
    assert len(pages) == 100 and [pk for rows, _a in pages for pk in rows] == list(
        Activity.objects.order_by("-start_date", "-end_date", "pk").values_list("pk", flat=True))
    deep = "/lv/activities/?" + pages[60][1]
    client.get("/lv/activities/")
    with CaptureQueriesContext(connection) as first:
        client.get("/lv/activities/")
    with CaptureQueriesContext(connection) as cursor_page:
        response = client.get(deep)
    assert len(cursor_page) == len(first)
    assert len([q for q in cursor_page if "pg_class" in q["sql"]]) == 1  # the estimate, not a COUNT(*) of all
    assert not [q["sql"] for q in cursor_page if "OFFSET" in q["sql"].upper() or '"__count"' in q["sql"]]
    with translation.override("lv"):
        assert _("Page %(number)s of about %(total)s") % {"number": 61, "total": 100} in response.content.decode()
    last = client.get("/lv/activities/?" + pages[-1][1])  # the last page knows the real total
    assert last.context["page"].number == 100 and not last.context["page"].paginator.estimated


@pytest.mark.parametrize("sort", ["queue", "date", "name", "organisation", "status",
                                  "-queue", "-date", "-name", "-organisation", "-status"])
def test_the_organisers_registration_list_walks_by_cursor_in_every_sort(client, sort):
    from tests.activities.test_organiser_pages_at_scale import _activity_with

    project = factories.project(code="KEYSET-1")
    coordinator = factories.programme_coordinator(project)
    activity = _activity_with(170, coordinator, project)  # 50 a page: pages 3 and 4 by cursor
    client.force_login(coordinator)
    path = reverse("activities:registrations", args=[activity.pk])

    def rows(response):
        return [row.registration.pk if hasattr(row, "registration") else row.pk
                for row in response.context["page"].object_list]

    numbered = [rows(client.get(path, {"sort": sort, "page": n})) for n in range(1, 5)]
    response = client.get(path, {"sort": sort})
    total = response.context["page"].paginator.count
    walked = [rows(response)]
    while (link := _link(response, "next")) is not None:
        response = _get(client, path, link)
        walked.append(rows(response))
    assert walked == numbered and sum(map(len, walked)) == total > 150
    assert "after=" in response.request["QUERY_STRING"]


@pytest.mark.postgres
def test_on_postgresql_a_deep_cursor_page_is_read_from_the_lists_index(postgres, client, settings):
    settings.KOPA_PAGE_SIZE, settings.KOPA_NUMBERED_PAGES = 20, 1
    Activity.objects.bulk_create([Activity(kind="training", title_lv=f"Pasākums {i}", status="open",
                                           start_date=DAY + datetime.timedelta(days=i % 3000),
                                           end_date=DAY + datetime.timedelta(days=i % 3000)) for i in range(20_000)],
                                 batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE activities_activity")
    deep = Activity.objects.order_by("-start_date", "-end_date", "pk")[15_000]  # the cursor after page 750
    from kopa.activities.queries import activity_list
    from kopa.core import keyset
    from kopa.core.pages import _cursor

    keys = keyset.sort_keys(activity_list())
    row = keyset.ordered(activity_list(), keys).get(pk=deep.pk)
    cursor_ = _cursor(row, keys, "/lv/activities/", 751)  # as "Next page" of page 750 would carry it
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/lv/activities/", {"after": cursor_})
    assert response.context["page"].number == 751 and len(response.context["page"]) == 20
    page_sql = next(q["sql"] for q in captured if "activities_activity" in q["sql"] and "LIMIT 21" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + page_sql)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert re.search(r"Index Scan.* using activity_newest_first\b", plan), plan
    assert "OFFSET" not in page_sql.upper()
