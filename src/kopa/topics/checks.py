"""The rules of a topic, checked without writing: the services call them, and the back office's form calls them
to show a refusal on its field before it saves."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError
from kopa.core.slugs import unique_slug

from .models import Topic
from .queries import descendant_ids

LANGUAGES = ("lv", "lt", "en")
TOPIC_FIELDS = {"name_lv", "name_lt", "name_en", "parent", "synonyms", "slug"}
SLUG_LENGTH = Topic._meta.get_field("slug").max_length
NAME_LENGTH = Topic._meta.get_field("name").max_length
# Paths of the topic pages that a slug would hide (/topics/new/ is the form, not a topic called "New").
RESERVED_SLUGS = {"new"}


def _duplicate_name_message(code: str, other: Topic) -> str:
    # One sentence per language, not "the %(language)s name": Latvian and Lithuanian inflect the adjective.
    messages = {
        "lv": _("Another topic (%(other)s) already has this Latvian name."),
        "lt": _("Another topic (%(other)s) already has this Lithuanian name."),
        "en": _("Another topic (%(other)s) already has this English name."),
    }
    return messages[code] % {"other": other.slug}


def _clean_name(value) -> str | None:
    """Spaces tidied; no name is NULL, not "" (the unique index per language skips NULLs only)."""
    name = " ".join((value or "").split())
    if len(name) > NAME_LENGTH:
        raise DomainError(_("The name is too long (at most %(n)d characters).") % {"n": NAME_LENGTH},
                          code="too_long")
    return name or None


def _clean_synonyms(text) -> str:
    """One per line, stripped, each once (whatever its case)."""
    seen, lines = set(), []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            lines.append(line)
    return "\n".join(lines)


def _check_names(names: dict[str, str | None], *, exclude_pk: int | None) -> None:
    if not any(names.values()):
        raise DomainError(_("Give the topic a name in at least one language."), field="name_lv", code="required")
    # casefold() in Python: "TŪRISMS" and "tūrisms" are one name, which SQLite's lower() would not see.
    others = Topic.objects.exclude(pk=exclude_pk).only("slug", "name_lv", "name_lt", "name_en")
    for other in others:
        for code, name in names.items():
            existing = getattr(other, f"name_{code}")
            if name and existing and existing.casefold() == name.casefold():
                raise DomainError(_duplicate_name_message(code, other), field=f"name_{code}", code="duplicate")




def _check_slug(slug: str, *, exclude_pk: int | None) -> str:
    """A slug typed by someone: it ends up in addresses and in other apps' filter links (?topic=…)."""
    slug = slug.strip()
    if slugify(slug, allow_unicode=False) != slug or len(slug) > SLUG_LENGTH:
        raise DomainError(_("A short address may hold only small Latin letters, digits and hyphens."),
                          field="slug", code="invalid")
    if slug in RESERVED_SLUGS or Topic.objects.exclude(pk=exclude_pk).filter(slug=slug).exists():
        raise DomainError(_("Another topic already has the short address %(slug)s.") % {"slug": slug},
                          field="slug", code="duplicate")
    return slug


def _check_parent(topic_pk: int | None, parent: Topic | None) -> None:
    if parent is None or topic_pk is None:
        return  # a new topic has no narrower topics yet, so any broader topic is fine
    if parent.pk == topic_pk or parent.pk in descendant_ids(topic_pk):
        raise DomainError(_("A topic cannot be placed under itself or under one of its own narrower topics."),
                          field="parent", code="cycle")


def check_topic(*, topic: Topic | None = None, **fields) -> dict:
    """The rules of a topic, without writing: the given fields, cleaned, or a DomainError.

    The services call it; the back office's form calls it too, to show a refusal on its field before it saves.
    With `topic`, the fields not given keep that topic's values; an empty slug keeps (or, new, makes) one.
    """
    unknown = set(fields) - TOPIC_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    pk = topic.pk if topic is not None else None
    cleaned = {}
    names = {}
    for code in LANGUAGES:
        key = f"name_{code}"
        if key in fields:
            try:
                names[code] = cleaned[key] = _clean_name(fields[key])
            except DomainError as error:
                error.field = key
                raise
        else:
            names[code] = getattr(topic, key) if topic is not None else None
    _check_names(names, exclude_pk=pk)
    if "parent" in fields:
        _check_parent(pk, fields["parent"])
        cleaned["parent"] = fields["parent"]
    if "synonyms" in fields:
        cleaned["synonyms"] = _clean_synonyms(fields["synonyms"])
    slug = (fields.get("slug") or "").strip()
    if slug:
        cleaned["slug"] = _check_slug(slug, exclude_pk=pk)
    elif topic is None:
        cleaned["slug"] = unique_slug(Topic, next(name for name in names.values() if name), fallback="topic",
                                      reserved=RESERVED_SLUGS)
    return cleaned
