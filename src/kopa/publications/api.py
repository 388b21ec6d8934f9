from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from kopa.api.auth import write_auth

from . import queries, services
from .models import Article
from .rendering import render_markdown

router = Router(tags=["news"])


class ArticleOut(Schema):
    slug: str
    title: str
    lead: str
    published_at: datetime | None
    project: str | None
    activity: int | None
    author_line: str
    statements: list[str]
    html: str

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
        return str(render_markdown(obj.body))


@router.get("/news", response=list[ArticleOut])
@paginate(LimitOffsetPagination)
def news(request, project: str = "", year: int | None = None):
    """Published articles, newest first, in the language of the Accept-Language header."""
    from kopa.projects.models import Project

    chosen = get_object_or_404(Project, code=project) if project else None
    return queries.news_list(project=chosen, year=year).select_related("activity__project").prefetch_related(
        "statements")


@router.get("/news/{slug}", response=ArticleOut)
def article(request, slug: str):
    return get_object_or_404(queries.published().select_related("project", "activity__project"), slug=slug)


@router.post("/news/{slug}/publish", response=ArticleOut, auth=write_auth)
def publish(request, slug: str):
    """Publishes a draft: refused with what is missing while a funding statement or logo is absent."""
    return services.publish(article=get_object_or_404(Article, slug=slug), by=request.auth)
