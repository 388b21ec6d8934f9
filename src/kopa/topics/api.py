from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from kopa.api.auth import write_auth
from kopa.api.pages import Pages
from kopa.core.errors import DomainError

from . import queries, services
from .models import Topic

router = Router(tags=["topics"])


class TopicOut(Schema):
    slug: str
    name: str
    name_lv: str | None
    name_lt: str | None
    name_en: str | None
    parent: str | None
    synonyms: list[str]
    narrower_count: int  # annotated by queries.topic_list

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.slug if obj.parent_id else None

    @staticmethod
    def resolve_synonyms(obj):
        return obj.synonym_list


class SectionCountOut(Schema):
    key: str
    label: str
    total: int


class TopicDetailOut(TopicOut):
    children: list[str]
    sections: list[SectionCountOut]  # what other apps put on the topic (activities, projects …) and how many

    @staticmethod
    def resolve_children(obj):
        return [child.slug for child in obj.page.narrower]

    @staticmethod
    def resolve_sections(obj):
        return [{"key": p.section.key, "label": str(p.section.label), "total": p.total} for p in obj.page.sections]


class TopicIn(Schema):
    name_lv: str = ""
    name_lt: str = ""
    name_en: str = ""
    parent: str | None = None  # the broader topic's slug
    synonyms: list[str] = []
    slug: str = ""


class TopicPatch(Schema):
    name_lv: str | None = None
    name_lt: str | None = None
    name_en: str | None = None
    parent: str | None = None  # a slug; null makes it a topic of its own
    synonyms: list[str] | None = None
    slug: str | None = None


def _parent(slug: str | None) -> Topic | None:
    """A broader topic named in the request body: an unknown one is a mistake in the input (400), not a 404."""
    if not slug:
        return None
    parent = Topic.objects.filter(slug=slug).first()
    if parent is None:
        raise DomainError(_("There is no topic with the short address %(slug)s.") % {"slug": slug}, field="parent",
                          code="unknown")
    return parent


def _fields(data: dict) -> dict:
    if "parent" in data:
        data["parent"] = _parent(data["parent"])
    if "synonyms" in data:
        data["synonyms"] = "\n".join(data["synonyms"] or [])
    return {key: "" if value is None and key != "parent" else value for key, value in data.items()}


def _detail(slug: str) -> Topic:
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    topic.page = queries.topic_page(topic)
    topic.narrower_count = len(topic.page.narrower)
    return topic


@router.get("/topics", response=list[TopicOut])
@paginate(Pages)
def list_topics(request, q: str = "", parent: str = ""):
    parent_obj = None
    if parent:
        parent_obj = Topic.objects.filter(slug=parent).first()
        if parent_obj is None:
            return Topic.objects.none()  # a filter on an unknown topic finds nothing
    return queries.topic_list(text=q, parent=parent_obj)


@router.get("/topics/{slug}", response=TopicDetailOut)
def get_topic(request, slug: str):
    return _detail(slug)


@router.post("/topics", response={201: TopicDetailOut}, auth=write_auth)
def create_topic(request, payload: TopicIn):
    topic = services.add_topic(by=request.auth, **_fields(payload.dict()))
    return Status(201, _detail(topic.slug))


@router.patch("/topics/{slug}", response=TopicDetailOut, auth=write_auth)
def patch_topic(request, slug: str, payload: TopicPatch):
    topic = get_object_or_404(Topic, slug=slug)
    topic = services.update_topic(topic=topic, by=request.auth, **_fields(payload.dict(exclude_unset=True)))
    return _detail(topic.slug)
