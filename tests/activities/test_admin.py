import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_back_office_shows_an_organiser_only_their_activities(client):
    own_org = factories.organisation()
    own = factories.activity(organiser=own_org, title_lv="Mūsu seminārs")
    other = factories.activity(title_lv="Svešs seminārs")
    coordinator = factories.partner_coordinator(own_org)
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    listing = client.get("/lv/admin/activities/activity/").content.decode()
    assert "Mūsu seminārs" in listing and "Svešs seminārs" not in listing
    assert client.get(f"/lv/admin/activities/activity/{own.pk}/change/").status_code == 200
    assert client.get(f"/lv/admin/activities/activity/{other.pk}/change/").status_code in (302, 403, 404)


def test_the_back_office_checks_a_stated_date_and_computes_its_bounds_like_the_services():
    from datetime import date

    from kopa.activities.admin import ActivityAdminForm
    from kopa.activities.models import Activity

    class Form(ActivityAdminForm):
        class Meta:
            model = Activity
            fields = ["kind", "title_lv", "date_precision", "start_date", "end_date", "stated_day", "stated_month",
                      "year_from", "year_to", "month_part", "days", "inferred_year", "year_source", "provisional",
                      "format", "offer_hours", "other_kinds"]

    base = {"kind": "seminar", "title_lv": "Seminārs", "format": "in_person", "offer_hours": 48, "days": "[]",
            "other_kinds": "[]"}
    refused = Form(data={**base, "date_precision": "day_month", "stated_day": 11})
    assert not refused.is_valid() and "stated_month" in refused.errors
    form = Form(data={**base, "date_precision": "month", "start_date": "2019-03-14", "stated_day": 5})
    assert form.is_valid(), form.errors
    activity = form.save()
    assert (activity.start_date, activity.end_date, activity.stated_day) == (date(2019, 3, 1), date(2019, 3, 31), None)
