import hashlib
from datetime import date, datetime, time

from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.pages import Pages

from . import originals, queries, services
from .models import Article
from .rendering import render_markdown

router = Router(tags=["news"])


class ArticleOut(Schema):
    slug: str
    status: str
    title: str
    lead: str
    # The date readers see (queries.with_publication_date): the original one if first published elsewhere.
    publication_date: datetime | None
    published_at: datetime | None  # when Kopā published it
    recorded_at: datetime  # when it was recorded in Kopā
    original_published_at: datetime | None
    original_time_known: bool
    original_url: str
    original_publisher: str
    project: str | None
    activity: int | None
    author_line: str
    statements: list[str]
    html: str

    # In Kopā's time zone: a day recorded without its time (its midnight) is not read as the evening before.
    @staticmethod
    def resolve_publication_date(obj):
        return timezone.localtime(obj.publication_date) if obj.publication_date else None

    @staticmethod
    def resolve_original_published_at(obj):
        return timezone.localtime(obj.original_published_at) if obj.original_published_at else None

    @staticmethod
    def resolve_recorded_at(obj):
        return obj.created_at

    @staticmethod
    def resolve_project(obj):
        project = obj.project or (obj.activity.project if obj.activity_id else None)
        return project.code if project else None

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id

    @staticmethod
    def resolve_statements(obj):
        return [statement.text for statement in obj.statements.all()]

    @staticmethod
    def resolve_html(obj):
        html = getattr(obj, "rendered_html", None)  # a list's page: rendered (or taken from the cache) at once
        return html if html is not None else str(render_markdown(obj.body))


HTML_SECONDS = 30 * 24 * 3600


def with_html(articles: list) -> None:
    """Each article's text as HTML, rendered once per text: the cache is keyed by the text itself (in the
    reader's language), so a changed article — however it was changed — is never served its old rendering.
    One read of the cache per page; what was missing is rendered and written in one go."""
    keys = {}
    for article in articles:
        digest = hashlib.sha256((article.body or "").encode()).hexdigest()[:40]
        keys.setdefault(f"kopa:markdown:1:{digest}", []).append(article)
    found = cache.get_many(list(keys))
    rendered = {}
    for key, same in keys.items():
        html = found.get(key)
        if html is None:
            html = rendered[key] = str(render_markdown(same[0].body))
        for article in same:
            article.rendered_html = html
    if rendered:
        cache.set_many(rendered, timeout=HTML_SECONDS)


class ArticleIn(Schema):
    """An article of its own; `original_*` for one first published elsewhere. Any one title is enough."""

    project: str | None = None  # a project's code
    title_lv: str = ""
    title_lt: str = ""
    title_en: str = ""
    lead_lv: str = ""
    lead_lt: str = ""
    lead_en: str = ""
    body_lv: str = ""
    body_lt: str = ""
    body_en: str = ""
    author_line: str = ""
    original_date: date | None = None
    original_time: time | None = None
    original_url: str = ""
    original_publisher: str = ""


class ArticlePatch(Schema):
    title_lv: str | None = None
    title_lt: str | None = None
    title_en: str | None = None
    lead_lv: str | None = None
    lead_lt: str | None = None
    lead_en: str | None = None
    body_lv: str | None = None
    body_lt: str | None = None
    body_en: str | None = None
    author_line: str | None = None
    original_date: date | None = None
    original_time: time | None = None
    original_url: str | None = None
    original_publisher: str | None = None


ORIGINAL_FIELDS = {"original_date": "on", "original_time": "at", "original_url": "url",
                   "original_publisher": "publisher"}


def _texts(data: dict) -> dict[str, dict]:
    texts: dict[str, dict] = {}
    for key, value in data.items():
        field, _sep, code = key.rpartition("_")
        if field in services.TEXT_FIELDS and value is not None:
            texts.setdefault(code, {})[field] = value
    return texts


def _one(pk: int) -> Article:
    return queries.with_publication_date(Article.objects.select_related("project", "activity__project")).get(pk=pk)


@router.get("/news", response=list[ArticleOut])
@paginate(Pages, prepare=with_html)
def news(request, project: str = "", year: int | None = None):
    """Published articles, latest publication date first (an article first published elsewhere under its
    original date), in the language of the Accept-Language header."""
    from kopa.projects.models import Project

    chosen = get_object_or_404(Project, code=project) if project else None
    return queries.news_list(project=chosen, year=year).select_related("activity__project").prefetch_related(
        "statements")


@router.post("/news", response={201: ArticleOut}, auth=write_auth)
def write(request, payload: ArticleIn):
    """Records an article of its own as a draft; refused (400, with the field) for an original date in the
    future or after today, or an address that is not a web address."""
    from kopa.projects.models import Project

    data = payload.dict()
    chosen = get_object_or_404(Project, code=data["project"]) if data["project"] else None
    original = originals.Original(**{name: data[key] for key, name in ORIGINAL_FIELDS.items()})
    article = services.write_article(by=request.auth, texts=_texts(data), project=chosen, original=original,
                                     author_line=data["author_line"])
    return Status(201, _one(article.pk))


@router.get("/news/{slug}", response=ArticleOut)
def article(request, slug: str):
    return get_object_or_404(queries.published().select_related("project", "activity__project"), slug=slug)


@router.patch("/news/{slug}", response=ArticleOut, auth=write_auth)
def change(request, slug: str, payload: ArticlePatch):
    """Changes what is given; an original date or address given as null removes it."""
    article = get_object_or_404(Article, slug=slug)
    data = payload.dict(exclude_unset=True)
    original = None
    if any(key in data for key in ORIGINAL_FIELDS):
        kept = originals.original_of(article)
        if data.get("original_date", "kept") is None:
            kept = originals.Original(url=kept.url, publisher=kept.publisher)  # no date: no time of day either
        original = originals.Original(**{name: data[key] if key in data else getattr(kept, name)
                                        for key, name in ORIGINAL_FIELDS.items()})
    services.save_article(article=article, by=request.auth, texts=_texts(data),
                          author_line=data.get("author_line"), original=original)
    return _one(article.pk)


@router.post("/news/{slug}/publish", response=ArticleOut, auth=write_auth)
def publish(request, slug: str):
    """Publishes a draft: refused with what is missing while a funding statement or logo is absent."""
    article = services.publish(article=get_object_or_404(Article, slug=slug), by=request.auth)
    return _one(article.pk)
