"""News as it was published: an article first published elsewhere is listed, fed and mapped under its original
date, says where it first appeared, and stands alone (drafted from no activity or project)."""

import base64
import re
from datetime import date, datetime, time, timedelta

import feedparser
import pytest
from django.utils import timezone, translation

from kopa.core.errors import DomainError
from kopa.publications import queries, services
from kopa.publications.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

ORIGINAL_URL = "https://www.rezekne.lv/aktualitates/pieredzes-apmaina-utena"
VISIT = date(2019, 10, 14)


@pytest.fixture
def coordinator():
    return factories.partner_coordinator(factories.organisation())


def _kopa_article(title, published_on: date):
    article = services.write_article(by=None, texts={"lv": {"title": title}, "en": {"title": title}})
    return services.publish(article=article, published_at=timezone.make_aware(datetime.combine(published_on,
                                                                                                time(9))))


@pytest.fixture
def three_articles(coordinator):
    """Published in Kopā in 2021 and 2018, and — recorded and published in Kopā today — a post of 2019."""
    newer = _kopa_article("Jaunāka ziņa", date(2021, 3, 1))
    back_dated = services.write_article(
        by=coordinator, texts={"lv": {"title": "Pieredzes apmaiņa Utenā", "lead": "Kā to aprakstīja Rēzekne."},
                               "en": {"title": "Exchange of experience in Utena"}},
        original=services.Original(on=VISIT, url=ORIGINAL_URL, publisher="Rēzeknes novada pašvaldība"))
    back_dated = services.publish(article=back_dated, by=coordinator)
    older = _kopa_article("Vecāka ziņa", date(2018, 6, 1))
    return newer, back_dated, older


def _titles_in(html, titles):
    return sorted(titles, key=html.index)


def test_a_back_dated_article_is_listed_under_its_original_date_in_date_order(three_articles, client):
    newer, back_dated, older = three_articles
    assert back_dated.published_at.date() == timezone.now().date()  # Kopā published it today
    html = client.get("/en/news/").content.decode()
    titles = [a.title_en for a in (older, back_dated, newer)]
    assert _titles_in(html, titles) == [newer.title_en, back_dated.title_en, older.title_en]
    item = html[html.index(back_dated.title_en):html.index(older.title_en)]
    assert '<time datetime="2019-10-14T00:00:00+03:00">14 October 2019</time>' in item
    assert str(timezone.localdate().year) not in item  # not the day Kopā published it
    assert back_dated.title_en in client.get("/en/news/?year=2019").content.decode()
    assert back_dated.title_en not in client.get(f"/en/news/?year={timezone.localdate().year}").content.decode()


def test_the_article_page_says_where_and_when_it_first_appeared(three_articles, client):
    _newer, back_dated, _older = three_articles
    html = client.get(f"/en/news/{back_dated.slug}/").content.decode()
    header = re.sub(r"\s+", " ", html[html.index("<header>", html.index("<article")):html.index("</header>",
                                                                                              html.index("<article"))])
    assert '<time datetime="2019-10-14T00:00:00+03:00">14 October 2019</time>' in header
    assert (f'First published on 14 October 2019 at <a href="{ORIGINAL_URL}">Rēzeknes novada pašvaldība</a>.'
            in header)
    recorded = back_dated.created_at.astimezone(timezone.get_current_timezone()).date()
    assert f"Recorded in Kopā on {recorded.day} {recorded:%B %Y}." in header
    assert '<meta property="article:published_time" content="2019-10-14T00:00:00+03:00">' in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feeds_carry_the_original_date_in_date_order(three_articles, client, kind):
    newer, back_dated, older = three_articles
    raw = client.get(f"/en/news/{kind}/").content.decode()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == [newer.title_en, back_dated.title_en, older.title_en]
    entry = feed.entries[1]
    assert entry.published_parsed[:3] == (2019, 10, 13) and entry.published_parsed[3] == 21  # 00:00 in Riga
    assert ("Mon, 14 Oct 2019 00:00:00 +0300" if kind == "rss" else "2019-10-14T00:00:00+03:00") in raw


def test_the_sitemap_gives_the_original_date_in_date_order(three_articles, client):
    newer, back_dated, older = three_articles
    xml = client.get("/sitemap-news.xml").content.decode()
    entries = re.findall(r"<loc>http://testserver/en/news/([\w-]+)/</loc>.*?<lastmod>([\d-]+)</lastmod>", xml, re.S)
    assert entries == [(newer.slug, "2021-03-01"), (back_dated.slug, "2019-10-14"), (older.slug, "2018-06-01")]


def test_one_rule_decides_the_publication_date():
    written_here = _kopa_article("Šeit rakstīta", date(2024, 5, 2))
    recorded = services.write_article(by=None, texts={"lv": {"title": "Citur publicēta"}},
                                      original=services.Original(on=VISIT, at=time(15, 30)))
    recorded = services.publish(article=recorded)
    dates = {a.pk: a.publication_date for a in queries.published()}
    assert dates[written_here.pk] == written_here.published_at
    assert dates[recorded.pk] == timezone.make_aware(datetime(2019, 10, 14, 15, 30))
    assert [a.pk for a in queries.published()] == [written_here.pk, recorded.pk]


def _basic(user):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{user.username}:pw-test-123".encode()).decode(),
            "HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_api_records_and_lists_a_back_dated_article(three_articles, coordinator, client):
    newer, back_dated, older = three_articles
    response = client.post("/api/news", {
        "title_lv": "Vizīte Anīkščos", "title_en": "Visit to Anykščiai", "body_lv": "Teksts.",
        "original_date": "2019-10-14", "original_time": "16:45", "original_url": "https://anyksciai.lt/naujienos/1",
    }, content_type="application/json", **_basic(coordinator))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["original_time_known"] is True
    assert created["publication_date"] == "2019-10-14T16:45:00+03:00"
    assert created["original_url"] == "https://anyksciai.lt/naujienos/1"
    published = client.post(f"/api/news/{created['slug']}/publish", **_basic(coordinator))
    assert published.status_code == 200, published.content
    assert published.json()["publication_date"] == "2019-10-14T16:45:00+03:00"

    rows = client.get("/api/news", HTTP_ACCEPT_LANGUAGE="en").json()["items"]
    assert [row["title"] for row in rows] == [newer.title_en, "Visit to Anykščiai", back_dated.title_en,
                                              older.title_en]  # 16:45 on 14 October after its midnight
    assert rows[2]["publication_date"] == "2019-10-14T00:00:00+03:00"
    assert rows[2]["original_publisher"] == "Rēzeknes novada pašvaldība"
    assert [row["title"] for row in client.get("/api/news?year=2019", HTTP_ACCEPT_LANGUAGE="en").json()["items"]
            ] == ["Visit to Anykščiai", back_dated.title_en]

    changed = client.patch(f"/api/news/{created['slug']}", {"original_date": "2019-10-15", "original_time": None},
                           content_type="application/json", **_basic(coordinator))
    assert changed.status_code == 200, changed.content
    assert changed.json()["publication_date"] == "2019-10-15T00:00:00+03:00"
    assert changed.json()["original_url"] == "https://anyksciai.lt/naujienos/1"  # not given: kept


@pytest.mark.parametrize(("original", "field", "message"), [
    ({"original_date": "2999-01-01"}, "original_date", "cannot be in the future"),
    ({"original_url": "rezekne.lv/news"}, "original_url", "full web address"),
    ({"original_url": "javascript:alert(1)"}, "original_url", "full web address"),
    ({"original_time": "10:00"}, "original_date", "as well as its time"),
])
def test_the_api_refuses_bad_input_and_saves_nothing(coordinator, client, original, field, message):
    response = client.post("/api/news", {"title_lv": "Ziņa", **original}, content_type="application/json",
                           **_basic(coordinator))
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field and message in response.json()["detail"]
    assert not Article.objects.exists()


def test_the_api_refuses_a_malformed_date_with_a_client_error(coordinator, client):
    response = client.post("/api/news", {"title_lv": "Ziņa", "original_date": "14.10.2019."},
                           content_type="application/json", **_basic(coordinator))
    assert response.status_code == 422 and not Article.objects.exists()


def test_an_original_date_after_the_recording_is_refused(coordinator):
    article = services.write_article(by=coordinator, texts={"lv": {"title": "Ierakstīta 2019. gada sākumā"}})
    Article.objects.filter(pk=article.pk).update(created_at=timezone.make_aware(datetime(2019, 3, 1, 10)))
    article.refresh_from_db()
    with translation.override("lv"), pytest.raises(DomainError) as refused:
        services.save_article(article=article, by=coordinator, original=services.Original(on=VISIT))
    assert refused.value.field == "original_date"
    assert "nevar būt vēlāks" in str(refused.value) and "2019" in str(refused.value)
    article.refresh_from_db()
    assert article.original_published_at is None and article.revisions.count() == 1  # nothing saved
    services.save_article(article=article, by=coordinator, original=services.Original(on=date(2019, 3, 1)))
    assert Article.objects.get(pk=article.pk).original_published_at.date() <= date(2019, 3, 1)


def test_the_database_refuses_an_original_date_after_the_recording(coordinator):
    from django.db import IntegrityError, transaction

    article = services.write_article(by=coordinator, texts={"lv": {"title": "Ziņa"}})
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(original_published_at=article.created_at + timedelta(days=1))


def test_a_coordinator_records_a_post_of_2019_in_kopas_own_pages(coordinator, client):
    client.force_login(coordinator)
    assert 'href="/lv/news/new/"' in client.get("/lv/news/").content.decode()
    response = client.post("/lv/news/new/", {
        "project": "", "title_lv": "Pieredzes apmaiņa Utenā", "lead_lv": "Rēzeknes novada ziņa.",
        "original_date": "2019-10-14", "original_time": "", "original_url": ORIGINAL_URL,
        "original_publisher": "Rēzeknes novada pašvaldība",
    }, follow=True)
    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == f"/lv/news/{article.slug}/edit/"
    assert article.project is None and article.activity is None and article.author == coordinator
    assert timezone.localtime(article.original_published_at).date() == VISIT
    assert not article.original_time_known and article.original_url == ORIGINAL_URL
    edit = response.content.decode()
    assert 'value="2019-10-14"' in edit and f'value="{ORIGINAL_URL}"' in edit  # the edit page shows them back

    client.post(f"/lv/news/{article.slug}/action/", {"action": "publish"})
    assert Article.objects.get(pk=article.pk).status == "published"
    html = client.get(f"/lv/news/{article.slug}/").content.decode()
    assert "2019. gada 14. oktobris" in html and "Pirmoreiz publicēts" in html

    client.post(f"/lv/news/{article.slug}/edit/", {
        "title_lv": "Pieredzes apmaiņa Utenā", "original_date": "2019-10-15", "original_url": ORIGINAL_URL})
    assert timezone.localtime(Article.objects.get(pk=article.pk).original_published_at).date() == date(2019, 10, 15)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"original_date": "2999-01-01"}, "original_date", "nevar būt nākotnē"),
    ({"original_url": "www.rezekne.lv"}, "original_url", "pilnai tīmekļa adresei"),
    ({"original_date": "2019-13-45"}, "original_date", "Jāievada derīgs datums"),
])
def test_bad_input_in_the_pages_is_refused_in_latvian_and_nothing_saved(coordinator, client, data, field, message):
    client.force_login(coordinator)
    response = client.post("/lv/news/new/", {"title_lv": "Ziņa", **data})
    assert response.status_code == 200
    html = response.content.decode()
    error = html[html.index(f'id="id_{field}_error"'):]
    assert message in error[:400]
    assert not Article.objects.exists()

    article = services.write_article(by=coordinator, texts={"lv": {"title": "Ziņa"}})
    response = client.post(f"/lv/news/{article.slug}/edit/", {"title_lv": "Cits virsraksts", **data})
    assert message in response.content.decode()
    article.refresh_from_db()
    assert article.title_lv == "Ziņa" and article.original_published_at is None and not article.original_url


def test_a_standalone_article_is_its_authors(coordinator, client):
    article = services.write_article(by=coordinator, texts={"lv": {"title": "Ziņa"}})
    other = factories.partner_coordinator(factories.organisation())
    with pytest.raises(DomainError):
        services.save_article(article=article, by=other, original=services.Original(on=VISIT))
    client.force_login(other)
    assert client.get(f"/lv/news/{article.slug}/edit/").status_code == 403
    client.force_login(factories.user())  # no coordinator role at all
    assert client.get("/lv/news/new/").status_code == 403
    assert 'href="/lv/news/new/"' not in client.get("/lv/news/").content.decode()
    with pytest.raises(DomainError):
        services.write_article(by=factories.user(), texts={"lv": {"title": "Ziņa"}})
    assert Article.objects.count() == 1


def test_a_coordinator_writes_only_for_their_own_project(client):
    project, elsewhere = factories.project(), factories.project()
    coordinator = factories.programme_coordinator(project)
    client.force_login(coordinator)
    page = client.get("/en/news/new/").content.decode()
    assert elsewhere.code not in page and 'data-picker="/en/pick/project/"' in page  # typed, no project listed
    client.post("/en/news/new/", {"title_en": "Our news", "project": elsewhere.pk})
    client.post("/en/news/new/", {"title_en": "Our news", "project": f"{elsewhere} [{elsewhere.code}]"})
    assert not Article.objects.exists()
    client.post("/en/news/new/", {"title_en": "Our news", "project": project.pk})
    assert Article.objects.get().project == project


def test_the_news_list_reads_a_fixed_number_of_queries(django_assert_num_queries, client):
    services.publish(article=services.write_article(by=None, texts={"lv": {"title": "Viena"}},
                                                    original=services.Original(on=VISIT)))
    with django_assert_num_queries(NEWS_LIST_QUERIES):
        assert client.get("/en/news/").status_code == 200
    for n in range(30):
        services.publish(article=services.write_article(
            by=None, texts={"lv": {"title": f"Ziņa {n}"}}, project=factories.project() if n % 3 else None,
            original=services.Original(on=VISIT - timedelta(days=n)) if n % 2 else None))
    with django_assert_num_queries(NEWS_LIST_QUERIES):
        assert client.get("/en/news/").status_code == 200


# The count, the two filter choices still listed (topics, the kinds coordinators added) and the page of articles,
# with the publication date a column of that one query. Projects and municipalities are typed (pickers), not listed.
NEWS_LIST_QUERIES = 4
