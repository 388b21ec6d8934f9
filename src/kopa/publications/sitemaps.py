from urllib.parse import quote

from django.contrib.sitemaps import Sitemap
from django.urls import get_script_prefix, reverse
from django.utils import translation

from kopa.activities.models import Activity
from kopa.directory.models import Municipality
from kopa.projects.models import Project

from . import queries

# (item, language) pairs per section page. With three languages and their alternates a pair is ~400 bytes (host
# "kopa.example.eu"; an article's with its date), so a page stays near 180 KB; at EU size (~1.1 million pairs:
# 200,000 activities, 90,000 municipalities, 50,000 articles, 20,000 projects, three languages each) the index
# lists ~2,400 pages at ~80 bytes, near 190 KB. Both stay under 200 KB only together: a host much longer than
# that, or a fourth language, needs a second index (robots.txt may name several).
PAIRS_PER_PAGE = 450


class LanguagePairs:
    """The (item, language) pairs of a queryset, read a page at a time: Django's own i18n sitemap builds the
    list of every pair of every row before it slices one page, which at EU size reads 200,000 activities for
    each page of 400. Counting is one COUNT, a page is one query for its rows."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)

    def __len__(self):
        return self.queryset.count() * len(self.languages)

    def count(self):
        return len(self)

    def __getitem__(self, window):
        per = len(self.languages)
        first, last = window.start or 0, window.stop
        rows = list(self.queryset[first // per:-(-last // per)])
        pairs = [(row, language) for row in rows for language in self.languages]
        offset = first - (first // per) * per
        return pairs[offset:offset + (last - first)]


class PagedSitemap(Sitemap):
    i18n = True
    alternates = True
    limit = PAIRS_PER_PAGE

    def _items(self):
        # Every item is in every language (get_languages_for_item is not overridden), so the pairs can be paged
        # lazily instead of listed whole.
        return LanguagePairs(self.items(), self._languages())

    def get_latest_lastmod(self):
        # The index lists each page without a date: the newest date of a section would cost a scan of the
        # section per request and repeat on each of its pages.
        return None


class ArticleSitemap(PagedSitemap):
    def items(self):
        # Only what the address and the date read, not the bodies.
        return queries.published().only("pk", "slug", "published_at", "original_published_at")

    def lastmod(self, item):
        # The date the article carries everywhere else (its original one, if first published elsewhere), so
        # a news post of 2019 recorded today is not announced as new.
        return item.publication_date


PLACEHOLDER = "987654321"  # an argument every converter of these addresses accepts (int, str, slug)


class ModelSitemap(PagedSitemap):
    """Items addressed by one URL name and one field. A page of 450 pairs names 1,800 addresses (each in its language
    and its alternates): reversed one by one they took most of the page's 100 ms at a tenth of EU size, so each
    language's address is reversed once with a placeholder and the field's value put in its place."""

    def __init__(self, queryset, url_name: str, field: str = "pk"):
        self.queryset, self.url_name, self.field = queryset, url_name, field

    def items(self):
        return self.queryset

    def location(self, item):
        key = (translation.get_language(), get_script_prefix())
        pattern = _patterns.get((self.url_name, *key))
        if pattern is None:
            pattern = _patterns[(self.url_name, *key)] = reverse(self.url_name, args=[PLACEHOLDER])
        return pattern.replace(PLACEHOLDER, quote(str(getattr(item, self.field)), safe=""), 1)


_patterns: dict = {}


class PageSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["core:home", "publications:news", "projects:list", "activities:list", "directory:municipalities",
                "directory:organisations", "lean:services", "core:accessibility"]

    def location(self, item):
        return reverse(item)


# Only what each location needs is read (an activity's and a project's address is its id, a municipality's its code).
SITEMAPS = {
    "pages": PageSitemap(),
    "news": ArticleSitemap(),
    "projects": ModelSitemap(Project.objects.order_by("pk").only("pk"), "projects:project"),
    "activities": ModelSitemap(Activity.objects.order_by("pk").only("pk"), "activities:activity"),
    "municipalities": ModelSitemap(Municipality.objects.order_by("pk").only("pk", "code"), "directory:municipality",
                                   "code"),
}
