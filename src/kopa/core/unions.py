"""A filter "on any of these grounds" that the database can answer from its indexes.

`Q(project_id__in=…) | Q(organisers__in=…)` joins the tables of every ground and tests the OR on each row of the
whole table: at a tenth of EU size the coordinator's activities took a sequential scan of 20,000 activities (12 ms)
and the articles of their projects a merge join over all of them (21 ms) — for 57 and 20 rows. Each ground alone is
an index lookup; `pk IN (ground 1 UNION ground 2 …)` asks for those and merges the ids (0.3 ms, bench/scale_bench.py).
"""

from django.db.models import Q, QuerySet


def union_of(*grounds: QuerySet) -> QuerySet | None:
    """The distinct values of `grounds`, each a queryset of one column (`.values("…")`) of the same type (None is
    left out): its `.count()` counts them without reading the table they point to. None when no ground is left."""
    parts = [ground.order_by() for ground in grounds if ground is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else parts[0].union(*parts[1:])


def any_of(*grounds: QuerySet, field: str = "pk") -> Q:
    """`field` IN the union of `grounds` (`union_of`); with no ground left, the filter matches nothing."""
    union = union_of(*grounds)
    if union is None:
        return Q(pk__in=[])
    return Q(**{f"{field}__in": union})
