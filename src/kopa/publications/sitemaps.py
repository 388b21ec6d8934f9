from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kopa.activities.models import Activity
from kopa.directory.models import Municipality
from kopa.projects.models import Project

from . import queries


class ArticleSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return queries.published()

    def lastmod(self, item):
        # The date the article carries everywhere else (its original one, if first published elsewhere), so
        # a news post of 2019 recorded today is not announced as new.
        return item.publication_date


class ModelSitemap(Sitemap):
    i18n = True
    alternates = True

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset


class PageSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["core:home", "publications:news", "projects:list", "activities:list", "directory:municipalities",
                "directory:organisations", "lean:services", "core:accessibility"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap(),
    "news": ArticleSitemap(),
    "projects": ModelSitemap(Project.objects.order_by("pk")),
    "activities": ModelSitemap(Activity.objects.order_by("pk")),
    "municipalities": ModelSitemap(Municipality.objects.order_by("pk")),
}
