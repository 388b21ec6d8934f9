"""The to-dos the dashboard lists, made through the services as a coordinator's week would make them."""

from datetime import timedelta

from django.utils import timezone

from kopa.activities import services as activities
from tests import factories
from tests.surveys import helpers as survey_helpers


def offer_about_to_expire(project, *, by=None, organiser=None, title="Seminārs ar brīvu vietu", hours=12):
    """One seat, two people: the first cancels, so the seat is offered to the second for `hours` hours."""
    start = timezone.localdate() + timedelta(days=10)
    activity = factories.activity(project=project, organiser=organiser, title_lv=title, start_date=start,
                                  end_date=start, capacity=1, offer_hours=hours)
    organisation = factories.organisation(name=f"Dalībnieku iestāde {activity.pk}")
    first = activities.register(activity=activity, person=factories.employee(organisation), by=by)
    waiting = activities.register(activity=activity, person=factories.employee(organisation), by=by)
    activities.cancel(registration=first, by=by)
    waiting.refresh_from_db()
    assert waiting.status == "pending"
    return activity, waiting


def held_without_article(project, *, organiser=None, title="Noturēta sanāksme bez raksta"):
    past = timezone.localdate() - timedelta(days=7)
    return factories.activity(project=project, organiser=organiser, title_lv=title, start_date=past,
                              end_date=past, status="held")


def survey_running(project):
    questionnaire = survey_helpers.questionnaire(project)
    survey_helpers.invited(questionnaire)
    return questionnaire


def running_project(**fields):
    """A project half-way through its period, so its indicators are compared with an even pace."""
    today = timezone.localdate()
    return factories.project(start_date=fields.pop("start_date", today - timedelta(days=365)),
                             end_date=fields.pop("end_date", today + timedelta(days=365)), **fields)

