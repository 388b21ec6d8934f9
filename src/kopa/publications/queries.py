"""Named reads for news pages and feeds; each costs a fixed number of queries."""

from urllib.parse import urlsplit

from django.db.models import Prefetch, Q, QuerySet

from kopa.activities.models import Photo
from kopa.activities.queries import photo_is_public, public_photos
from kopa.projects.funding import statements_for
from kopa.projects.models import FundingStatement
from kopa.topics.queries import descendant_ids

from .compliance import project_of
from .models import Article


def with_publication_date(articles: QuerySet) -> QuerySet:
    """`publication_date` on each article (the rule is ArticleQuerySet.with_publication_date)."""
    return articles.with_publication_date()


def in_publication_order(articles: QuerySet) -> QuerySet:
    return articles.in_publication_order()


def published() -> QuerySet:
    """Published articles, newest publication date first."""
    return in_publication_order(Article.objects.filter(status=Article.Status.PUBLISHED))


def news_list(*, project=None, municipality=None, kind: str = "", year: int | None = None, topic=None) -> QuerySet:
    articles = published().select_related("project", "activity", "lead_photo")
    if topic is not None:
        # On the topic through what the article is about: its activity or its project.
        ids = descendant_ids(topic)
        articles = articles.filter(pk__in=Article.objects.filter(
            Q(activity__topics__in=ids) | Q(project__topics__in=ids)).values("pk"))
    if project:
        articles = articles.filter(Q(project=project) | Q(activity__project=project))
    if municipality:
        articles = articles.filter(
            Q(activity__host_municipalities=municipality)
            | Q(activity__registrations__organisation__municipality=municipality)
            | Q(project__partnerships__organisation__municipality=municipality)
        ).distinct()
    if kind:
        articles = articles.filter(activity__kind=kind)
    if year:
        articles = articles.filter(publication_date__year=year)
    return articles


def article_page(slug: str) -> dict:
    """The article with its photos and the statements it carries, in four queries (five with a lead photo,
    whose people are read for the photo consent rule)."""
    article = (
        with_publication_date(Article.objects)
        .select_related("project__programme", "activity__project__programme", "lead_photo")
        .prefetch_related(
            Prefetch("gallery", queryset=public_photos(Photo.objects.all()).order_by("pk")),
            Prefetch("statements", queryset=FundingStatement.objects.select_related("programme", "fund")
                     .order_by("position", "pk")),
        )
        .get(slug=slug)
    )
    if article.lead_photo_id and not photo_is_public(article.lead_photo):
        article.lead_photo = None  # someone in it withdrew consent since: the page shows it no more
    return {"article": article, "project": project_of(article), "original_source": original_source(article)}


def original_source(article: Article) -> str:
    """What the link to the original says: its publisher's name, or else the address's site."""
    if not article.original_url:
        return ""
    return article.original_publisher or urlsplit(article.original_url).netloc or article.original_url


def required_statements(article: Article) -> list[FundingStatement]:
    return statements_for(project_of(article), FundingStatement.Place.ARTICLES)
