"""C8 Publications: news articles drafted from what was recorded or written on their own (also ones first published
elsewhere, recorded here with their original date and address), with the statements funders require."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.activities.models import Activity, Photo
from kopa.projects.models import FundingStatement, Project


class ArticleQuerySet(models.QuerySet):
    def with_publication_date(self):
        """The one rule for an article's date as readers see it: when it was first published elsewhere, if that is
        recorded, otherwise when Kopā published it. Lists, feeds, sitemap, API, search, year filter, article page
        and the news beside an activity or a project all read `publication_date` from here (a method of the
        queryset, so apps below this one reach it through `activity.articles` without importing it)."""
        return self.annotate(publication_date=Coalesce("original_published_at", "published_at"))

    def in_publication_order(self):
        return self.with_publication_date().order_by("-publication_date", "-pk")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")

    slug = models.SlugField(_("short address"), max_length=120, unique=True)
    project = models.ForeignKey(Project, models.SET_NULL, null=True, blank=True, related_name="articles",
                                verbose_name=_("project"))
    activity = models.ForeignKey(Activity, models.SET_NULL, null=True, blank=True, related_name="articles",
                                 verbose_name=_("activity"))
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("text (Markdown)"), blank=True)
    author_line = models.CharField(_("author line"), max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                               related_name="articles", verbose_name=_("author"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # When Kopā published it. Which date readers see is decided by queries.with_publication_date.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    # An article written elsewhere and recorded here keeps when and where it first appeared; it is listed and
    # fed under that date. A day without a known time is stored as the start of that day in Kopā's time zone.
    original_published_at = models.DateTimeField(_("first published"), null=True, blank=True, db_index=True)
    original_time_known = models.BooleanField(_("time of first publication known"), default=False)
    original_url = models.URLField(_("original address"), max_length=500, blank=True)
    original_publisher = models.CharField(_("original publisher or site"), max_length=200, blank=True)
    lead_photo = models.ForeignKey(Photo, models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("lead photo"))
    gallery = models.ManyToManyField(Photo, blank=True, related_name="articles", verbose_name=_("gallery"))
    # The statements the article carries; a funded project's article is published only with all that apply.
    statements = models.ManyToManyField(FundingStatement, blank=True, related_name="articles",
                                        verbose_name=_("funding statements"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # The order every list of news reads (`in_publication_order`): "publication_date DESC, id DESC", so
            # the first page of a big list is read from here instead of sorting every article.
            models.Index(Coalesce("original_published_at", "published_at").desc(), F("id").desc(),
                         name="article_publication_order"),
            # The news list counts the published ones: on this index without reading the articles (50,000: 22 -> 3 ms).
            models.Index(fields=["status"], name="article_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(status="published") | Q(published_at__isnull=False),
                                   name="published_article_has_date"),
            # First published elsewhere before it was recorded here, never after.
            models.CheckConstraint(condition=Q(original_published_at__isnull=True)
                                   | Q(original_published_at__lte=F("created_at")),
                                   name="article_original_date_not_after_recording"),
            models.CheckConstraint(condition=Q(original_time_known=False) | Q(original_published_at__isnull=False),
                                   name="article_original_time_has_date"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:article", args=[self.slug])


class ArticleRevision(models.Model):
    """What an article said after each change, and who changed it: its edit history."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="revisions", verbose_name=_("article"))
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("changed by"))
    created_at = models.DateTimeField(_("changed"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Article.Status.choices)
    content = models.JSONField(_("content"))  # title, lead, body per language; statements

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article} · {self.created_at:%Y-%m-%d %H:%M}"
