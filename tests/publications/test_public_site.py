"""News list, article page, feeds, sitemap and search: what a visitor and a feed reader get."""

import re
from datetime import timedelta

import feedparser
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kopa.publications import services
from kopa.publications.models import Article
from kopa.publications.rendering import render_markdown
from tests import factories

pytestmark = pytest.mark.django_db


def _published(title, *, project=None, days_ago=1, body="Teksts."):
    article = Article.objects.create(slug=f"a-{Article.objects.count() + 1}", title_lv=title, title_en=title,
                                     body_lv=body, project=project)
    return services.publish(article=article, published_at=timezone.now() - timedelta(days=days_ago))


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_news_list_and_an_article_cost_the_same_queries_with_few_or_many_articles(client):
    project = factories.project()
    first = _published("Pirmā ziņa", project=project)
    few_list, few_article = _queries(client, "/en/news/"), _queries(client, f"/en/news/{first.slug}/")
    for n in range(30):
        _published(f"Ziņa {n}", project=project, days_ago=n + 2)
    assert _queries(client, "/en/news/") == few_list
    assert _queries(client, f"/en/news/{first.slug}/") == few_article
    second_page = client.get("/en/news/?page=2").content.decode()
    assert "31 articles found" in second_page and "Ziņa 29" in second_page and "Pirmā ziņa" not in second_page


def test_the_news_list_filters_and_paginates(demo, client):
    html = client.get("/en/news/?project=LLI-59").content.decode()
    listed = html[html.index('<ul class="news">'):]
    assert "Study visit to Utena and Anykščiai" in listed and "Daugavpils" not in listed
    assert "Study visit to Utena" in client.get("/en/news/?kind=study_visit&year=2018").content.decode()
    assert "Study visit to Utena" not in client.get("/en/news/?year=2017").content.decode()
    html = client.get("/en/news/?municipality=0384000").content.decode()  # Balvu novads took part
    assert "Study visit to Utena" in html
    assert "articles found" in client.get("/en/news/?year=abc").content.decode()  # a bad filter is reported


def test_the_article_page_carries_opengraph_metadata(demo, client):
    article = Article.objects.get(activity__start_date="2018-05-29")
    html = client.get(f"/lt/news/{article.slug}/").content.decode()
    assert '<meta property="og:title" content="Patirties mainų vizitas į Uteną ir Anykščius">' in html
    assert f'<meta property="og:url" content="http://testserver/lt/news/{article.slug}/">' in html
    assert '<meta property="og:locale" content="lt">' in html and 'property="article:published_time"' in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_validate_and_list_only_published_articles(demo, client, kind):
    draft = Article.objects.create(slug="juodrastis", title_lv="Melnraksts", title_lt="Juodraštis")
    feed = feedparser.parse(client.get(f"/lt/news/{kind}/").content)
    assert not feed.bozo, feed.bozo_exception  # well-formed and understood as a feed
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    titles = [entry.title for entry in feed.entries]
    assert "Patirties mainų vizitas į Uteną ir Anykščius" in titles  # in the page's language
    assert draft.title_lt not in titles
    assert len(titles) == Article.objects.filter(status="published").count()


def test_a_project_feed_lists_only_that_projects_news(demo, client):
    from kopa.projects.models import Project

    project = Project.objects.get(code="LLI-59")
    feed = feedparser.parse(client.get(f"/en/news/projects/{project.pk}/rss/").content)
    assert not feed.bozo and feed.entries
    expected = Article.objects.filter(status="published").filter(project=project) | Article.objects.filter(
        status="published", activity__project=project)
    assert {e.title for e in feed.entries} == {a.title_en for a in expected.distinct()}


def test_the_sitemap_lists_articles_in_every_language(demo, client):
    assert "http://testserver/sitemap-news.xml" in client.get("/sitemap.xml").content.decode()
    xml = client.get("/sitemap-news.xml").content.decode()
    article = Article.objects.get(activity__start_date="2018-05-29")
    for language in ("lv", "lt", "en"):
        assert f"/{language}/news/{article.slug}/" in xml
    assert 'hreflang="lt"' in xml


@pytest.mark.parametrize("query", ["Utenā", "utenos", "Anyksciai", "Anīkšču", "LLI-59"])
def test_search_finds_inflected_and_unaccented_words(demo, client, query):
    html = client.get("/lv/search/", {"q": query}).content.decode()
    text = re.sub(r"<[^>]+>", "", html)  # the matched words are marked (<mark>) inside the title
    assert "Pieredzes apmaiņas brauciens uz Utenu un Anīkščiem" in text or "LLI-59" in text


def test_search_without_a_query_says_what_is_wrong(client):
    html = client.get("/en/search/", {"q": "x"}).content.decode()
    assert "at least 2 characters" in html


def test_markdown_is_rendered_inert():
    html = str(render_markdown(
        '<script>alert(1)</script>[click](javascript:alert(2)) <img src=x onerror="alert(3)">'
        ' <a href="https://example.org" onclick="alert(4)">ok</a> **bold**'))
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "onclick" not in html
    assert "<strong>bold</strong>" in html and 'href="https://example.org"' in html


def test_the_api_lists_published_news_and_refuses_to_publish_without_the_statement(demo, client):
    import base64

    from django.contrib.auth import get_user_model

    rows = client.get("/api/news?project=LLI-59", HTTP_ACCEPT_LANGUAGE="en").json()
    assert rows["count"] >= 2 and all(row["statements"] for row in rows["items"])
    article = Article.objects.get(activity__start_date="2018-05-29")
    one = client.get(f"/api/news/{article.slug}").json()
    assert "Zita Ringelevičienė" in one["html"]
    coordinator = get_user_model().objects.get(username="coordinator")
    draft = services.draft_from_activity(activity=article.activity, by=coordinator)
    draft.statements.clear()
    token = base64.b64encode(b"coordinator:kopa-demo-2026").decode()
    response = client.post(f"/api/news/{draft.slug}/publish", HTTP_AUTHORIZATION=f"Basic {token}",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "is missing" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).status == "draft"


def test_search_and_compliance_cost_the_same_queries_with_more_results(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    funded = Article.objects.filter(project__isnull=False).first().project

    def lacking(n):
        Article.objects.create(slug=f"bez-norades-{n}", title_lv=f"Bez norādes {n}", project=funded)

    lacking(0)
    few_search = _queries(client, "/en/search/?q=Daugavpils")
    few_compliance = _queries(client, "/en/news/compliance/")
    for n in range(1, 60):  # more than a page of them
        _published(f"Daugavpils ziņa {n}")
        lacking(n)
    assert _queries(client, "/en/search/?q=Daugavpils") == few_search
    page = client.get("/en/news/compliance/")
    assert _queries(client, "/en/news/compliance/") == few_compliance
    assert page.content.decode().count("Bez norādes") == settings.KOPA_PAGE_SIZE and "?page=2" in page.content.decode()
