"""How attendance and held activities count towards a project's output indicators.

Person-based indicators count named attendance only, unless an indicator is declared "as reported": then an
activity where nobody was registered by name counts with the number of participants its source reports.
"Organisations / municipalities that took part" also count participation recorded with no named people.
"""

from decimal import Decimal

from django.db.models import Count, Q

from kopa.projects.indicators import register_measure
from kopa.projects.models import OutputIndicator

from .models import Activity, Headcount, Participation, Registration

HELD = (Activity.Status.HELD, Activity.Status.CLOSED)
PERSON_BASED = (OutputIndicator.Rule.DISTINCT_PARTICIPANTS, OutputIndicator.Rule.ATTENDANCES)


def measure(project, indicators) -> dict[int, Decimal]:
    """All indicators of a project in at most six queries, whatever the number of registrations."""
    Rule = OutputIndicator.Rule
    by_attendance, by_activities = {}, {}
    took_part = [i for i in indicators if i.rule in (Rule.ORGANISATIONS_TOOK_PART, Rule.MUNICIPALITIES_TOOK_PART)]
    reported = [i for i in indicators if i.as_reported and i.rule in PERSON_BASED]
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
    attended = Registration.objects.filter(
        activity__project=project, activity__status__in=HELD, status=Registration.Status.ATTENDED
    )
    if by_attendance:
        values.update(attended.aggregate(**by_attendance))
    if by_activities:
        values.update(Activity.objects.filter(project=project, status__in=HELD).aggregate(**by_activities))
    result = {int(key[1:]): Decimal(value or 0) for key, value in values.items()}
    if took_part:
        result.update(_took_part(project, attended, took_part))
    if reported:
        for indicator, extra in _reported(project, attended, reported).items():
            result[indicator] = result.get(indicator, Decimal(0)) + extra
    return result


def _took_part(project, attended, indicators) -> dict[int, Decimal]:
    """Distinct organisations or municipalities, named attendance and recorded participation together."""
    named = list(attended.values_list("activity__kind", "organisation_id", "organisation__municipality_id")
                 .distinct())
    recorded = list(Participation.objects.filter(activity__project=project, activity__status__in=HELD)
                    .values_list("activity__kind", "organisation_id", "municipality_id").distinct())
    result = {}
    for indicator in indicators:
        rows = [row for row in named + recorded if not indicator.activity_kind or row[0] == indicator.activity_kind]
        column = 1 if indicator.rule == OutputIndicator.Rule.ORGANISATIONS_TOOK_PART else 2
        result[indicator.pk] = Decimal(len({row[column] for row in rows if row[column]}))
    return result


def _reported(project, attended, indicators) -> dict[int, Decimal]:
    """Reported participants of the held activities where nobody attended by name (never both for one)."""
    with_names = set(attended.values_list("activity_id", flat=True).distinct())
    counts = Headcount.objects.filter(
        activity__project=project, activity__status__in=HELD, organisation__isnull=True,
        counts=Headcount.Counts.PARTICIPANTS,
    ).values_list("activity_id", "activity__kind", "value")
    counts = [row for row in counts if row[0] not in with_names]
    return {
        indicator.pk: Decimal(sum(value for _a, kind, value in counts
                                  if not indicator.activity_kind or kind == indicator.activity_kind))
        for indicator in indicators
    }


register_measure(measure)
