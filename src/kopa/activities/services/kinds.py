"""Coordinators add a kind of activity when the built-in ones do not fit what a text describes."""

from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, require
from kopa.core.names import name_key
from kopa.core.review import mark_added, mark_reviewed
from kopa.core.slugs import unique_slug
from kopa.projects.models import ActivityKind

from ..models import AddedKind, kinds

NAME_LENGTH = AddedKind._meta.get_field("name").max_length


@audited
def add_kind(*, by, name_lv: str = "", name_lt: str = "", name_en: str = "") -> AddedKind:
    """A new kind, named in at least one language; refused when any kind already has one of these names."""
    require(by, "activities.add_addedkind")
    names = {code: " ".join((value or "").split()) for code, value in
             (("lv", name_lv), ("lt", name_lt), ("en", name_en))}
    if not any(names.values()):
        raise DomainError(_("Give the kind a name in at least one language."), field="name_lv", code="required")
    for code, name in names.items():
        if len(name) > NAME_LENGTH:
            raise DomainError(_("The name is too long (at most %(n)d characters).") % {"n": NAME_LENGTH},
                              field=f"name_{code}", code="too_long")
    wanted = {name_key(n) for n in names.values() if n}
    for code, _label in kinds.choices():
        for existing in kinds.all_names(code):
            if name_key(existing) in wanted:
                raise DomainError(_("There already is a kind called “%(name)s”.") % {"name": existing},
                                  field="name_lv", code="duplicate")
    first = next(n for n in (names["en"], names["lv"], names["lt"]) if n)
    kind = AddedKind(code=unique_slug(AddedKind, first, fallback="kind", reserved=ActivityKind.values,
                                         field="code"),
                     **{f"name_{code}": name for code, name in names.items()})
    mark_added(kind, by)
    kind.save()
    return kind


@audited
def review_kind(*, kind: AddedKind, by) -> AddedKind:
    require(by, "activities.change_addedkind", kind)
    mark_reviewed(kind, by)
    kind.save(update_fields=["reviewed_by", "reviewed_at"])
    return kind
