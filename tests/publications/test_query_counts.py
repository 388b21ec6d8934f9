"""Query counts pinned on the news pages and the sitemap: the same absolute number at the demo's size and with
generated rows of everything added (tests/grown_demo.py)."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from kopa.publications import sitemaps
from kopa.publications.models import Article
from tests import grown_demo

PINNED = {"home": 5, "news list": 4, "article": 4}  # home: its headline figures from the cache


def test_the_home_and_news_pages_run_their_pinned_number_of_queries(grown_data, client, django_assert_num_queries):
    grown_demo.assert_pinned(client, PINNED, grown_data, django_assert_num_queries)


def _warm(client, url):
    # The first request reads what is cached afterwards (the site's languages, content types); the sitemap itself
    # is kept an hour (urls.SITEMAP_SECONDS): forgotten here, so the next request builds it.
    assert client.get(url).status_code == 200
    cache.clear()


def test_the_sitemap_index_lists_every_section_page(grown_data, client, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(sitemaps.PagedSitemap, "limit", 30)
    _warm(client, "/sitemap.xml")
    with django_assert_num_queries(4):  # a COUNT per paged section (the fixed pages need none)
        xml = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver/sitemap-(\w+)\.xml(?:\?p=(\d+))?</loc>", xml)
    activities = 3 * grown_data["project"].activities.model.objects.count()
    assert sum(1 for section, _ in pages if section == "activities") == -(-activities // 30)


@pytest.mark.parametrize("section", ["news", "projects", "activities", "municipalities"])
def test_a_sitemap_page_is_two_queries_and_small(section, grown_data, client, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(sitemaps.PagedSitemap, "limit", 6)
    url = f"/sitemap-{section}.xml?p=2"
    _warm(client, url)
    with django_assert_num_queries(2):  # its count and its rows
        response = client.get(url)
    locations = re.findall(r"<url>\s*<loc>([^<]+)</loc>", response.content.decode())
    assert len(locations) == 6 and len(set(locations)) == 6
    with django_assert_num_queries(0):  # then from the cache
        assert client.get(url).content == response.content


def test_the_sitemap_pages_together_list_every_article_in_every_language(demo, client, monkeypatch):
    monkeypatch.setattr(sitemaps.PagedSitemap, "limit", 7)  # a page ends in the middle of an article's languages
    seen = []
    for page in range(1, 100):
        response = client.get(f"/sitemap-news.xml?p={page}")
        if response.status_code == 404:
            break
        seen += re.findall(r"<url>\s*<loc>http://testserver/(\w\w)/news/([\w-]+)/</loc>", response.content.decode())
    slugs = [a.slug for a in Article.objects.filter(status=Article.Status.PUBLISHED)]
    assert sorted(seen) == sorted((language, slug) for slug in slugs for language in ("lv", "lt", "en"))
    assert reverse("sitemap") == "/sitemap.xml"
