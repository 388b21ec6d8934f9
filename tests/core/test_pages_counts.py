"""The big lists' orders have their indexes (and PostgreSQL reads the first page from them), and `paginate` counts a
whole big table from PostgreSQL's row estimate instead of a COUNT(*) of every row (issue 15, item 1)."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.activities.models import Activity
from kopa.activities.queries import activity_list
from kopa.core.pages import paginate
from kopa.projects.models import Project
from kopa.projects.queries import project_list
from kopa.publications.models import Article
from kopa.publications.queries import news_list
from tests import factories

INDEXES = {Activity: "activity_newest_first", Article: "article_publication_order", Project: "project_newest_first"}


def _page(queryset, number=None, per_page=10):
    return paginate(RequestFactory().get("/", {"page": number} if number else {}), queryset, per_page)


def _activities(n, start=datetime.date(2020, 1, 1)):
    Activity.objects.bulk_create(
        [Activity(kind="training", title_lv=f"Pasākums {i}", start_date=start + datetime.timedelta(days=i % 3000),
                  end_date=start + datetime.timedelta(days=i % 3000), status="open") for i in range(n)],
        batch_size=2000)


def _analyze(model):
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@pytest.mark.django_db
def test_every_big_lists_order_has_its_index_in_the_database():
    with connection.cursor() as cursor:
        for model, name in INDEXES.items():
            assert name in [index.name for index in model._meta.indexes]
            assert name in connection.introspection.get_constraints(cursor, model._meta.db_table)


@pytest.mark.django_db
def test_on_sqlite_and_for_small_tables_the_count_is_exact(settings):
    settings.KOPA_ESTIMATED_COUNT_ABOVE = 0
    for _i in range(3):
        factories.activity()
    if connection.vendor == "sqlite":  # SQLite keeps no estimate: exact whatever the threshold
        page = _page(activity_list(), per_page=2)
        assert not page.paginator.estimated and page.paginator.count == Activity.objects.count() == 3
    # (On PostgreSQL a threshold of 0 would take the table's estimate, whatever earlier tests left in its
    # statistics; the rest of this test and the PostgreSQL tests below cover it.)
    settings.KOPA_ESTIMATED_COUNT_ABOVE = 10_000  # small: exact on PostgreSQL too, in as many queries as ever
    with CaptureQueriesContext(connection) as queries:
        page = _page(activity_list(), per_page=2)
        assert not page.paginator.estimated and page.paginator.count == 3
    assert len(queries) == 1
    html = render_to_string("core/pagination.html", {"page": page, "request": RequestFactory().get("/")})
    assert _("Page %(number)s of %(total)s") % {"number": 1, "total": 2} in html


@pytest.mark.django_db
def test_a_filtered_list_counts_exactly(settings):
    settings.KOPA_ESTIMATED_COUNT_ABOVE = 0
    for _i in range(3):
        factories.activity()
    page = _page(activity_list(text="Apmācības"), per_page=2)
    assert not page.paginator.estimated and page.paginator.count == 3


@pytest.mark.postgres
def test_on_postgresql_a_whole_big_table_is_counted_from_its_estimate(postgres, settings):
    settings.KOPA_ESTIMATED_COUNT_ABOVE = 100
    _activities(250)
    _analyze(Activity)
    with CaptureQueriesContext(connection) as queries:
        page = _page(activity_list())
        rows = list(page)
    assert page.paginator.estimated and page.paginator.count == 250 and len(rows) == 10
    # One look at pg_class instead of Django's COUNT(*) of every row, beside the page itself and its prefetches.
    assert not [q["sql"] for q in queries if '"__count"' in q["sql"]]
    assert len([q for q in queries if "pg_class" in q["sql"]]) == 1
    html = render_to_string("core/pagination.html", {"page": page, "request": RequestFactory().get("/")})
    assert _("Page %(number)s of about %(total)s") % {"number": 1, "total": 25} in html

    # The estimate grows stale (rows deleted since the last ANALYZE): the last page and any past it count exactly,
    # so they show the real last page, never an empty one.
    Activity.objects.filter(pk__in=Activity.objects.order_by("pk").values("pk")[:45]).delete()
    for number in (25, 999):
        page = _page(activity_list(), number)
        assert not page.paginator.estimated and page.paginator.count == 205
        assert page.number == 21 and len(page) == 5
    html = render_to_string("core/pagination.html", {"page": page, "request": RequestFactory().get("/")})
    assert _("Page %(number)s of %(total)s") % {"number": 21, "total": 21} in html
    page = _page(activity_list(), 3)  # an early page keeps the estimate
    assert page.paginator.estimated and len(page) == 10


@pytest.mark.postgres
def test_on_postgresql_a_filtered_list_of_a_big_table_counts_exactly(postgres, settings):
    settings.KOPA_ESTIMATED_COUNT_ABOVE = 100
    _activities(250)
    _analyze(Activity)
    page = _page(activity_list(date_from=datetime.date(2020, 1, 1), date_to=datetime.date(2020, 1, 10)))
    assert not page.paginator.estimated and page.paginator.count == 10


@pytest.mark.postgres
def test_on_postgresql_the_first_page_of_each_big_list_is_read_from_its_index(postgres):
    _activities(20_000)
    programme = factories.programme()
    Project.objects.bulk_create([
        Project(code=f"B-{i:05d}", title_lv=f"Projekts {i}", programme=programme,
                start_date=datetime.date(2010, 1, 1) + datetime.timedelta(days=i % 4000),
                end_date=datetime.date(2030, 1, 1)) for i in range(5_000)])
    now = timezone.now()
    Article.objects.bulk_create([
        Article(slug=f"zina-{i}", title_lv=f"Ziņa {i}", status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=i)) for i in range(10_000)], batch_size=2000)
    for model in INDEXES:
        _analyze(model)
    for model, queryset in ((Activity, activity_list()), (Project, project_list()), (Article, news_list())):
        sql, params = queryset[:20].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert re.search(rf"Index Scan.* using {INDEXES[model]}\b", plan), plan
        assert "Sort" not in plan, plan  # the order comes from the index, no table sorted under the limit


def test_on_postgresql_the_activity_list_says_about_when_its_total_is_estimated(postgres, settings, client):
    settings.KOPA_ESTIMATED_COUNT_ABOVE = 100
    _activities(250)
    _analyze(Activity)
    html = client.get("/lv/activities/").content.decode()
    assert "Kopā aptuveni 250" in html  # never "250 activities found", which would claim an exact count
    assert "Atrasti 250 pasākumi" not in html
