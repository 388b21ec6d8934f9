"""An aggregate of related rows read with the outer row itself, so a total costs no query of its own."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(model, aggregate=None, **match):
    """`aggregate` (COUNT of rows by default) over the rows of `model` (a model or a queryset) that match — each
    keyword a lookup, `OuterRef("pk")` for the outer row — or 0 when there are none. Grouped by the matched
    lookups, so several such totals on one row do not multiply as joins would."""
    rows = model.objects.all() if hasattr(model, "objects") else model
    correlated = [name for name, value in match.items() if isinstance(value, OuterRef)]
    return Coalesce(Subquery(rows.filter(**match).order_by().values(*correlated).annotate(v=aggregate or Count("pk"))
                             .values("v")[:1], output_field=IntegerField()), Value(0))
