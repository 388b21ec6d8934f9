"""References in API payloads (slugs, codes, ids) turned into records — or a 400 naming what was not found.
One place, so every router answers an unknown reference the same way (never a 500, never a silent drop)."""

from django.utils.translation import gettext as _

from kopa.core.errors import DomainError


def all_by(model, field: str, values, name: str) -> list:
    """The records whose `field` is each of `values`, in that order (duplicates given once)."""
    values = list(dict.fromkeys(values or []))
    found = {getattr(o, field): o for o in model.objects.filter(**{f"{field}__in": values})}
    missing = [str(v) for v in values if v not in found]
    if missing:
        raise DomainError(_("Not found: %(values)s") % {"values": ", ".join(missing)}, field=name, code="not_found")
    return [found[v] for v in values]


def one_by(model, field: str, value, name: str):
    """The record whose `field` is `value`; None stays None (an optional reference left empty)."""
    if value is None or value == "":
        return None
    obj = model.objects.filter(**{field: value}).first()
    if obj is None:
        raise DomainError(_("Not found: %(values)s") % {"values": value}, field=name, code="not_found")
    return obj
