"""RSS 2.0 and Atom feeds of published articles: the whole site or one project, in the page's language."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kopa.projects.models import Project

from . import queries
from .rendering import plain_text

ITEMS = 30


class NewsFeed(Feed):
    def title(self, obj=None):
        return _("Kopā news") if obj is None else _("News of %(project)s") % {"project": obj.code}

    def link(self, obj=None):
        return reverse("publications:news") + (f"?{urlencode({'project': obj.code})}" if obj else "")

    def description(self, obj=None):
        return _("Articles about inter-municipal cooperation projects and activities.")

    def items(self, obj=None):
        return queries.news_list(project=obj)[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text(item.lead)

    def item_pubdate(self, item):
        # An article first published elsewhere keeps its original date; given in Kopā's time zone so that a
        # day recorded without its time (its midnight) is not read as the evening before.
        return timezone.localtime(item.publication_date)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author_line or None


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class ProjectFeedMixin:
    def get_object(self, request, pk):
        return get_object_or_404(Project, pk=pk)


class ProjectNewsFeed(ProjectFeedMixin, NewsFeed):
    pass


class ProjectAtomNewsFeed(ProjectFeedMixin, AtomNewsFeed):
    pass
