"""An activity's materials: a file or a link, in the programme, of a parallel group or a handout."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, require
from kopa.core.files import document_validators

from ..models import Activity, Material

FIELDS = {"title", "link", "file", "programme_item", "breakout", "carries_statement"}


def _check(material: Material) -> None:
    material.title = (material.title or "").strip()
    if not material.title:
        raise DomainError(_("The material needs a title."), field="title", code="required")
    if not material.link and not material.file:
        raise DomainError(_("Give a link or upload a file."), field="file", code="required")
    if material.file and not material.file._committed:
        # Only the types we expect, and not too large: checked on every upload, whoever makes it.
        try:
            for validator in document_validators:
                validator(material.file)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="file", code="invalid") from error
    for name in ("programme_item", "breakout"):
        part = getattr(material, name)
        if part is not None and part.activity_id != material.activity_id:
            raise DomainError(_("That part belongs to another activity."), field=name, code="invalid")


def _unknown(fields: dict) -> None:
    unknown = set(fields) - FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})


@audited
def add_material(*, activity: Activity, by, title: str = "", **fields) -> Material:
    require(by, "activities.change_activity", activity)
    fields.pop("activity", None)
    _unknown(fields)
    material = Material(activity=activity, title=title, **fields)
    _check(material)
    material.save()
    return material


@audited
def update_material(*, material: Material, by, **fields) -> Material:
    require(by, "activities.change_activity", material.activity)
    material = Material.objects.select_for_update().get(pk=material.pk)
    fields.pop("activity", None)
    _unknown(fields)
    for name, value in fields.items():
        setattr(material, name, value)
    _check(material)
    material.save()
    return material


@audited
def remove_material(*, material: Material, by) -> None:
    require(by, "activities.change_activity", material.activity)
    Material.objects.filter(pk=material.pk).delete()
