"""How attendance and held activities count towards a project's output indicators."""

from decimal import Decimal

from django.db.models import Count, Q

from kopa.projects.indicators import register_measure
from kopa.projects.models import OutputIndicator

from .models import Activity, Registration

HELD = (Activity.Status.HELD, Activity.Status.CLOSED)


def measure(project, indicators) -> dict[int, Decimal]:
    """All indicators of a project in two queries, whatever the number of registrations."""
    Rule = OutputIndicator.Rule
    by_attendance, by_activities = {}, {}
    for indicator in indicators:
        kind = Q(activity__kind=indicator.activity_kind) if indicator.activity_kind else Q()
        key = f"i{indicator.pk}"
        if indicator.rule == Rule.DISTINCT_PARTICIPANTS:
            by_attendance[key] = Count("person", distinct=True, filter=kind)
        elif indicator.rule == Rule.ATTENDANCES:
            by_attendance[key] = Count("pk", filter=kind)
        elif indicator.rule == Rule.ORGANISATIONS_PARTICIPATING:
            by_attendance[key] = Count("organisation", distinct=True, filter=kind)
        elif indicator.rule == Rule.ACTIVITIES_HELD:
            by_activities[key] = Count(
                "pk", filter=Q(kind=indicator.activity_kind) if indicator.activity_kind else Q()
            )
    values = {}
    if by_attendance:
        attended = Registration.objects.filter(
            activity__project=project, activity__status__in=HELD, status=Registration.Status.ATTENDED
        )
        values.update(attended.aggregate(**by_attendance))
    if by_activities:
        values.update(Activity.objects.filter(project=project, status__in=HELD).aggregate(**by_activities))
    return {int(key[1:]): Decimal(value or 0) for key, value in values.items()}


register_measure(measure)
