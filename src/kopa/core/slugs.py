"""Short addresses made from a name: one way for every model that has them (articles, topics, series)."""

from django.utils.text import slugify


def unique_slug(model, text: str, *, fallback: str, reserved=(), field: str = "slug") -> str:
    """`text` as a slug not yet taken by `model` (nor one of `reserved`, e.g. a page's own "new"); a number is
    added when it is. Two queries at most, whatever the number of similar slugs."""
    length = model._meta.get_field(field).max_length
    base = slugify(text or "")[: length - 6].strip("-") or fallback
    taken = set(model.objects.filter(**{f"{field}__startswith": base}).values_list(field, flat=True)) | set(reserved)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
