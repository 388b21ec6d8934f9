"""Who took part as texts report it: organisations and municipalities with no named person, and reported
headcounts — shown beside named registrations, counted by "took part" indicators, never by person-based ones."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopa.activities import services
from kopa.activities.models import Headcount, Participation, Registration
from kopa.core.errors import DomainError
from kopa.projects import services as project_services
from kopa.projects.indicators import achieved_values
from kopa.projects.models import OutputIndicator
from tests import factories

pytestmark = pytest.mark.django_db
Rule = OutputIndicator.Rule


def _held_with_named_attendance(project, people: int):
    activity = factories.activity(project=project, kind="seminar", title_lv="Seminārs",
                                  start_date=date(2018, 5, 29), end_date=date(2018, 5, 29))
    organisation = factories.organisation(municipality=factories.municipality(name="Reģistrētais novads"))
    for _ in range(people):
        registration = services.register(activity=activity, person=factories.employee(organisation))
        services.check_in(registration=registration)
    return activity, organisation


def test_eighteen_municipalities_with_no_named_person_are_shown_and_counted(client):
    project = factories.project()
    activity, named_organisation = _held_with_named_attendance(project, people=3)
    municipalities = [factories.municipality(name=f"Dalībnieku novads {n}") for n in range(18)]
    for municipality in municipalities:
        services.record_participation(activity=activity, municipality=municipality, role="delegation")
    services.close_activity(activity=activity)
    took_part = project_services.add_indicator(project=project, rule=Rule.MUNICIPALITIES_TOOK_PART,
                                               target=Decimal(20), name_lv="Pašvaldības, kas piedalījās", unit="")
    trained = project_services.add_indicator(project=project, rule=Rule.DISTINCT_PARTICIPANTS, target=Decimal(50),
                                             name_lv="Apmācīti darbinieki", unit="")
    values = achieved_values(project, [took_part, trained])
    assert values[took_part.pk] == 19  # 18 recorded + the municipality of the named attendees
    assert values[trained.pk] == 3  # person-based: named attendance only

    page = client.get(f"/en/activities/{activity.pk}/").content.decode()
    for municipality in municipalities:
        assert municipality.name in page
    assert "recorded without names" in page and "Reģistrētais novads" in page
    data = client.get(f"/api/activities/{activity.pk}").json()
    rows = data["participating_organisations"]
    assert len([r for r in rows if r["sources"] == ["recorded"] and r["municipality"]]) == 18
    assert [r["named_participants"] for r in rows if r["organisation"] == named_organisation.slug] == [3]


def test_an_organisation_recorded_and_registered_counts_once_and_says_both():
    project = factories.project()
    activity, organisation = _held_with_named_attendance(project, people=2)
    services.record_participation(activity=activity, organisation=organisation, role="exhibitor", delegation_size=5)
    other = factories.organisation(name="Viesis", country_code="LT")
    services.record_participation(activity=activity, organisation=other, role="guest")
    services.close_activity(activity=activity)
    indicator = project_services.add_indicator(project=project, rule=Rule.ORGANISATIONS_TOOK_PART,
                                               target=Decimal(5), name_lv="Organizācijas", unit="")
    staff = project_services.add_indicator(project=project, rule=Rule.ORGANISATIONS_PARTICIPATING,
                                           target=Decimal(5), name_lv="Ar darbiniekiem", unit="")
    values = achieved_values(project, [indicator, staff])
    assert values[indicator.pk] == 2 and values[staff.pk] == 1
    guest = Participation.objects.get(organisation=other)
    assert guest.country.code == "LT"  # from the directory when the source does not say


def test_a_reported_headcount_is_shown_beside_the_registrations_never_added(client):
    project = factories.project()
    activity, _organisation = _held_with_named_attendance(project, people=2)
    services.report_headcount(activity=activity, value=40, qualifier="more_than", source="the organiser's report")
    page = client.get(f"/en/activities/{activity.pk}/").content.decode()
    assert "more than 40 participants" in page and "the organiser&#x27;s report" in page
    assert "Registered by name" in page
    data = client.get(f"/api/activities/{activity.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["headcounts"][0]["qualifier"] == "more_than" and data["headcounts"][0]["value"] == 40
    assert "more than 40 participants" in data["headcounts"][0]["text"]
    assert Registration.objects.filter(activity=activity).count() == 2


def test_an_indicator_declared_as_reported_counts_headcounts_where_nobody_was_named(client):
    project = factories.project()
    named, _organisation = _held_with_named_attendance(project, people=3)
    services.report_headcount(activity=named, value=100, qualifier="about")  # has names: not used
    services.close_activity(activity=named)
    unnamed = factories.activity(project=project, kind="seminar", title_lv="Bez vārdiem")
    services.report_headcount(activity=unnamed, value=40, qualifier="more_than")
    services.set_status(activity=unnamed, status="held")
    plain = project_services.add_indicator(project=project, rule=Rule.ATTENDANCES, target=Decimal(50),
                                           name_lv="Dalības", unit="")
    reported = project_services.add_indicator(project=project, rule=Rule.ATTENDANCES, target=Decimal(50),
                                              name_lv="Dalības (ziņotās)", unit="", as_reported=True)
    values = achieved_values(project, [plain, reported])
    assert values[plain.pk] == 3 and values[reported.pk] == 43
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "as reported" in page


@pytest.mark.parametrize(("call", "field"), [
    (lambda a: services.report_headcount(activity=a, value=-5), "value"),
    (lambda a: services.report_headcount(activity=a, value="many"), "value"),
    (lambda a: services.report_headcount(activity=a, value=5, qualifier="roughly"), "qualifier"),
    (lambda a: services.record_participation(activity=a), "organisation"),
    (lambda a: services.record_participation(activity=a, organisation=factories.organisation(),
                                             delegation_size=-1), "delegation_size"),
])
def test_bad_participation_input_is_refused_and_nothing_saved(call, field):
    activity = factories.activity()
    with pytest.raises(DomainError) as refused:
        call(activity)
    assert refused.value.field == field
    assert not Headcount.objects.exists() and not Participation.objects.exists()


def test_a_negative_headcount_is_refused_by_the_database_too():
    from django.db import IntegrityError, transaction

    activity = factories.activity()
    with pytest.raises(IntegrityError), transaction.atomic():
        Headcount.objects.create(activity=activity, value=-1)


def test_only_organisers_record_participation():
    activity = factories.activity()
    outsider = factories.user()
    with pytest.raises(DomainError) as refused:
        services.record_participation(activity=activity, organisation=factories.organisation(), by=outsider)
    assert refused.value.code == "permission"


def _page_queries(client, activity) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/lv/activities/{activity.pk}/").status_code == 200
    return len(captured)


def test_the_activity_page_runs_a_fixed_number_of_queries_with_1_or_50_participations_and_topics(client):
    from kopa.topics.models import Topic

    counts = []
    for size in (1, 50):
        activity = factories.activity(title_lv=f"Ar {size}")
        for n in range(size):
            if n % 2:
                services.record_participation(activity=activity, municipality=factories.municipality())
            else:
                services.record_participation(activity=activity, organisation=factories.organisation(
                    municipality=factories.municipality()), delegation_size=n)
            services.report_headcount(activity=activity, value=n, organisation=factories.organisation())
        services.update_activity(activity=activity, topics=list(Topic.objects.all()[:size]))
        counts.append(_page_queries(client, activity))
    assert counts[0] == counts[1]
    assert counts[0] <= 30, counts


def test_the_participation_page_records_and_removes_with_translated_refusals(client):
    project = factories.project()
    activity = factories.activity(project=project)
    coordinator = factories.programme_coordinator(project)
    client.force_login(coordinator)
    municipality = factories.municipality(name="Ludzas novads")
    url = f"/en/activities/{activity.pk}/participation/"
    response = client.post(url, {"form": "participation", "p-municipality": municipality.pk, "p-role": "guest"})
    assert response.status_code == 302
    record = Participation.objects.get(activity=activity)
    assert record.municipality == municipality and record.role == "guest"
    response = client.post(url, {"form": "headcount", "h-counts": "participants", "h-qualifier": "about",
                                 "h-value": "-3"})
    assert response.status_code == 200
    assert "A number of people is zero or more." in response.content.decode()
    assert not Headcount.objects.exists()
    client.post(f"/en/activities/{activity.pk}/participation/{record.pk}/remove/")
    assert not Participation.objects.exists()
    client.force_login(factories.user())
    assert client.get(url).status_code == 403
