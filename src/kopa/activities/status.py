"""How an activity's state reads. Real records are often entered years later and nobody moves a status by hand:
an activity whose days are certainly past reads as held, whatever its stored status says. One rule, used by
pages, the API and the services that record attendance afterwards."""

from django.utils import timezone

from .models import Activity


def has_taken_place(activity: Activity, today=None) -> bool:
    """Every day it may have been on is past (its latest bound); an undated activity is not assumed past."""
    today = today or timezone.localdate()
    return activity.end_date is not None and activity.end_date < today


def shown_status(activity: Activity, today=None) -> str:
    """A provisional activity (announced, never confirmed) is not assumed to have taken place."""
    if activity.status in (Activity.Status.PLANNED, Activity.Status.OPEN) and has_taken_place(activity, today) \
            and not activity.provisional:
        return Activity.Status.HELD
    return activity.status


def shown_status_label(activity: Activity, today=None) -> str:
    return str(Activity.Status(shown_status(activity, today)).label)
