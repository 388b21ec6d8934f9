"""iCalendar: one .ics per activity, feeds per project and per organisation."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from kopa.core.dates import day_is_known


def calendar(activities, name: str, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Kopā//kopa//LV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for activity in activities:
        if not day_is_known(activity):
            continue  # a calendar entry on a guessed day would be a falsehood in someone's diary
        event = Event()
        event.add("uid", f"activity-{activity.pk}@kopa")
        event.add("dtstamp", timezone.now())  # required by RFC 5545
        event.add("summary", activity.title)
        # All-day events: the end date is exclusive in iCalendar.
        event.add("dtstart", activity.start_date)
        event.add("dtend", activity.end_date + timedelta(days=1))
        if activity.venue:
            event.add("location", activity.venue)
        event.add("url", base_url + activity.get_absolute_url())
        if activity.description:
            event.add("description", activity.description)
        if activity.status == "cancelled":  # calendars that imported it strike it out
            status = "CANCELLED"
        else:
            status = "TENTATIVE" if activity.status == "planned" or activity.provisional else "CONFIRMED"
        event.add("status", status)
        cal.add_component(event)
    return cal.to_ical()


