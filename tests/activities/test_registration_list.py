"""The organiser's registration list: what a coordinator at a planning region sorts, filters, ticks and exports."""

import io
import re
from datetime import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kopa.activities import services
from kopa.activities.models import Activity, Registration
from kopa.activities.registration_list import queue_positions
from kopa.activities.waiting_list import waiting_list
from kopa.directory.models import Person, Position
from tests import factories

pytestmark = pytest.mark.django_db
S = Registration.Status


def _url(activity, suffix=""):
    return f"/en/activities/{activity.pk}/registrations/{suffix}"


def _names(html: str) -> list[str]:
    """The people listed in the table, in order (each row's heading cell is the person)."""
    return re.findall(r'<th scope="row">([^<]+)</th>', html.split('id="list-heading"')[1])


def _page(client, activity, **params) -> str:
    response = client.get(_url(activity), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def admin_client(client):
    client.force_login(factories.user(is_superuser=True))
    return client


def _signed_up(activity, organisation, first_name, last_name, **person_fields) -> Registration:
    person = factories.employee(organisation, first_name=first_name, last_name=last_name, **person_fields)
    return services.register(activity=activity, person=person)


def test_sorting_filtering_and_search_return_the_right_rows(admin_client):
    client = admin_client
    activity = factories.activity(capacity=2)
    riga = factories.organisation(name="Rīgas plānošanas reģions")
    utena = factories.organisation(name="Utenos rajono savivaldybė")
    ozola = _signed_up(activity, riga, "Anna", "Ozola", email="anna@example.lv")
    kalns = _signed_up(activity, utena, "Pēteris", "Kalns")
    berzina = _signed_up(activity, riga, "Ilze", "Bērziņa")  # waiting: the two seats are taken
    services.check_in(registration=ozola)

    assert _names(_page(client, activity, sort="name")) == ["Ilze Bērziņa", "Pēteris Kalns", "Anna Ozola"]
    html = _page(client, activity, sort="-name")
    assert _names(html) == ["Anna Ozola", "Pēteris Kalns", "Ilze Bērziņa"]
    assert 'aria-sort="descending"' in html and html.count("aria-sort=") == 1
    assert _names(_page(client, activity, sort="date")) == ["Anna Ozola", "Pēteris Kalns", "Ilze Bērziņa"]
    assert _names(_page(client, activity, sort="-date")) == ["Ilze Bērziņa", "Pēteris Kalns", "Anna Ozola"]
    # Queue: the waiting list first, in the order seats are offered.
    assert _names(_page(client, activity, sort="queue"))[0] == "Ilze Bērziņa"
    assert _names(_page(client, activity, sort="organisation"))[-1] == "Pēteris Kalns"  # Rīgas … < Utenos …
    assert _names(_page(client, activity, sort="status")) == ["Anna Ozola", "Pēteris Kalns", "Ilze Bērziņa"]

    assert _names(_page(client, activity, status="waitlisted")) == ["Ilze Bērziņa"]
    assert _names(_page(client, activity, organisation=utena.pk)) == ["Pēteris Kalns"]
    assert _names(_page(client, activity, attended="yes")) == ["Anna Ozola"]
    assert set(_names(_page(client, activity, attended="no"))) == {"Pēteris Kalns", "Ilze Bērziņa"}
    assert _names(_page(client, activity, q="anna@example")) == ["Anna Ozola"]
    assert _names(_page(client, activity, q="Utenos")) == ["Pēteris Kalns"]
    assert _names(_page(client, activity, q="kaln")) == ["Pēteris Kalns"]
    # Filters and sort together; the sort links keep the filters.
    html = _page(client, activity, organisation=riga.pk, sort="-name")
    assert _names(html) == ["Anna Ozola", "Ilze Bērziņa"]
    assert f"organisation={riga.pk}&amp;sort=name" in html
    assert berzina.pk and kalns.pk


def test_sessions_and_groups_filter_the_list(admin_client):
    activity = factories.activity()
    first = services.add_session(activity=activity, start_date=activity.start_date)
    group = services.add_breakout(activity=activity, theme_lv="Mobilitāte")
    organisation = factories.organisation()
    in_session = services.register(activity=activity, person=factories.employee(organisation, last_name="Sesija"),
                                   session=first)
    in_group = services.register(activity=activity, person=factories.employee(organisation, last_name="Grupa"),
                                 breakout=group)
    assert _names(_page(admin_client, activity, session=first.pk)) == [str(in_session.person)]
    assert _names(_page(admin_client, activity, breakout=group.pk)) == [str(in_group.person)]
    assert _names(_page(admin_client, activity, session="none")) == [str(in_group.person)]


def test_the_queue_position_is_the_order_the_service_offers_seats_in(admin_client):
    client = admin_client
    activity = factories.activity(capacity=2)
    organisation = factories.organisation()
    seated = [_signed_up(activity, organisation, "Vieta", f"Ir{n}") for n in range(2)]
    waiting = [_signed_up(activity, organisation, "Gaida", f"Rindā{n}") for n in range(3)]
    assert {r.pk: n for n, r in enumerate(waiting, start=1)} == queue_positions(activity)
    assert list(waiting_list(activity)) == waiting

    html = _page(client, activity, sort="queue")
    cells = re.findall(r'<td class="num">(\d*)</td>\s*<td>[^<]*</td>\s*<th scope="row">([^<]+)</th>', html)
    assert cells[:3] == [("1", "Gaida Rindā0"), ("2", "Gaida Rindā1"), ("3", "Gaida Rindā2")]

    # A confirmed one cancels (through the confirmation step): number 1 is offered the seat, the others move up.
    client.post(_url(activity, "cancel/"), {"selected": [seated[0].pk], "confirmed": "1"})
    assert Registration.objects.get(pk=waiting[0].pk).status == S.PENDING
    assert queue_positions(activity) == {waiting[1].pk: 1, waiting[2].pk: 2}
    html = _page(client, activity, sort="queue")
    assert "Accept the seat on their behalf" in html
    client.post(_url(activity, f"{waiting[0].pk}/"), {"action": "accept"})
    assert Registration.objects.get(pk=waiting[0].pk).status == S.CONFIRMED


def test_cancelling_asks_first_and_then_cancels_exactly_the_ticked(admin_client):
    client = admin_client
    activity = factories.activity()
    organisation = factories.organisation()
    rows = [_signed_up(activity, organisation, "Atcelt", f"Nr{n}") for n in range(3)]
    ticked = [rows[0].pk, rows[2].pk]

    response = client.post(_url(activity, "bulk/"), {"selected": ticked, "action": "cancel"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Atcelt Nr0" in html and "Atcelt Nr2" in html and "Atcelt Nr1" not in html
    assert 'name="confirmed"' in html
    assert not Registration.objects.filter(status=S.CANCELLED).exists()
    # The single "Cancel" of a row is a link to the same question, not a cancellation.
    assert f"cancel/?selected={rows[1].pk}" in _page(client, activity)
    assert client.get(_url(activity, "cancel/"), {"selected": rows[1].pk}).status_code == 200
    assert client.post(_url(activity, "cancel/"), {"selected": ticked}).status_code == 200  # not confirmed
    assert not Registration.objects.filter(status=S.CANCELLED).exists()

    response = client.post(_url(activity, "cancel/"), {"selected": ticked, "confirmed": "1"})
    assert response.status_code == 302
    assert set(Registration.objects.filter(status=S.CANCELLED).values_list("pk", flat=True)) == set(ticked)


def test_bulk_confirm_and_attend_change_exactly_the_ticked_and_a_refusal_names_the_person(admin_client):
    client = admin_client
    activity = factories.activity(capacity=1)
    organisation = factories.organisation()
    first = _signed_up(activity, organisation, "Pirmā", "Vieta")
    waiting = [_signed_up(activity, organisation, "Gaida", f"Nr{n}") for n in range(3)]
    Activity.objects.filter(pk=activity.pk).update(capacity=3)  # two more seats, to be given by hand

    client.post(_url(activity, "bulk/"), {"selected": [waiting[0].pk, waiting[1].pk], "action": "confirm"})
    assert [r.status for r in Registration.objects.filter(pk__in=[w.pk for w in waiting]).order_by("pk")] == [
        S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]

    # No seat left for the third: refused, named, and nothing of the batch is kept.
    response = client.post(_url(activity, "bulk/"), {"selected": [waiting[2].pk], "action": "confirm"},
                           follow=True)
    assert "Gaida Nr2: The activity has no free seats." in response.content.decode()
    assert Registration.objects.get(pk=waiting[2].pk).status == S.WAITLISTED

    client.post(_url(activity, "bulk/"), {"selected": [first.pk, waiting[0].pk], "action": "attend"})
    assert dict(Registration.objects.values_list("pk", "status")) == {
        first.pk: S.ATTENDED, waiting[0].pk: S.ATTENDED, waiting[1].pk: S.CONFIRMED, waiting[2].pk: S.WAITLISTED}


def test_a_move_to_a_full_group_is_refused_in_the_readers_language_and_changes_nothing(admin_client):
    client = admin_client
    activity = factories.activity()
    roomy = services.add_breakout(activity=activity, theme_lv="Plaša")
    small = services.add_breakout(activity=activity, theme_lv="Maza", capacity=1)
    organisation = factories.organisation()
    rows = [_signed_up(activity, organisation, "Pārcelt", f"Nr{n}") for n in range(3)]

    client.post(_url(activity, "bulk/"), {"selected": [rows[0].pk], "action": "move", "target": f"breakout-{roomy.pk}"})
    assert Registration.objects.get(pk=rows[0].pk).breakout == roomy

    response = client.post(
        f"/lv/activities/{activity.pk}/registrations/bulk/",
        {"selected": [rows[1].pk, rows[2].pk], "action": "move", "target": f"breakout-{small.pk}"}, follow=True)
    assert "Pārcelt Nr2: Šajā grupā nav brīvu vietu." in response.content.decode()
    assert list(Registration.objects.filter(pk__in=[rows[1].pk, rows[2].pk]).values_list("breakout", flat=True)) == [
        None, None]

    # Moving the one from the roomy group into the small one frees nothing twice: it fits.
    client.post(_url(activity, "bulk/"), {"selected": [rows[0].pk], "action": "move", "target": f"breakout-{small.pk}"})
    assert Registration.objects.get(pk=rows[0].pk).breakout == small
    # A move without a target is refused by the form.
    client.post(_url(activity, "bulk/"), {"selected": [rows[1].pk], "action": "move", "target": ""})
    assert Registration.objects.get(pk=rows[1].pk).breakout is None


def test_a_move_between_sessions_keeps_the_target_sessions_seats(admin_client):
    activity = factories.activity()
    first = services.add_session(activity=activity, start_date=activity.start_date)
    full = services.add_session(activity=activity, start_date=activity.start_date, capacity=1)
    organisation = factories.organisation()
    there = services.register(activity=activity, person=factories.employee(organisation), session=full)
    mover = services.register(activity=activity, person=factories.employee(organisation), session=first)
    with pytest.raises(services.RefusedFor) as refused:
        services.move(activity=activity, registrations=[mover], by=None, session=full)
    assert str(mover.person) in str(refused.value)
    services.move(activity=activity, registrations=[there], by=None, session=first)
    services.move(activity=activity, registrations=[mover], by=None, session=full)
    assert Registration.objects.get(pk=mover.pk).session == full


def test_bulk_actions_are_for_organisers_only(client):
    activity = factories.activity()
    own = factories.organisation()
    registration = _signed_up(activity, own, "Savs", "Darbinieks")
    client.force_login(factories.partner_coordinator(own))
    assert client.post(_url(activity, "bulk/"), {"selected": [registration.pk], "action": "confirm"}).status_code == 403
    # Their own colleague they may still cancel, after the same question.
    assert client.post(_url(activity, "cancel/"), {"selected": [registration.pk], "confirmed": "1"}).status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == S.CANCELLED


def test_contacts_are_shown_only_to_those_who_may_see_them(client):
    organiser_org = factories.organisation(name="Latgales plānošanas reģions")
    activity = factories.activity(organiser=organiser_org)
    other = factories.organisation(name="Balvu novada pašvaldība")
    _signed_up(activity, organiser_org, "Savējā", "Kolēģe", email="koleege@example.lv")
    _signed_up(activity, other, "Cita", "Iestāde", email="cita@example.lv")

    client.force_login(factories.partner_coordinator(organiser_org))  # organises; coordinates only their own staff
    html = _page(client, activity)
    assert "koleege@example.lv" in html and "cita@example.lv" not in html
    client.force_login(factories.user(is_superuser=True))
    assert "cita@example.lv" in _page(client, activity)
    export = client.get(_url(activity), {"format": "csv"})
    assert "cita@example.lv" in b"".join(export.streaming_content).decode("utf-8-sig")


def test_a_colleague_is_found_by_name_and_registered(client):
    activity = factories.activity()
    own = factories.organisation()
    for n in range(25):  # more than fit in a drop-down
        factories.employee(own, first_name="Cits", last_name=f"Darbinieks{n}")
    ozola = factories.employee(own, first_name="Anna", last_name="Ozola")
    client.force_login(factories.partner_coordinator(own))
    html = _page(client, activity)
    assert "Anna Ozola" not in html  # nobody listed before a search
    html = _page(client, activity, find="ozol")
    assert f'<option value="{ozola.pk}">Anna Ozola</option>' in html and "Darbinieks1" not in html
    assert client.post(_url(activity), {"person": ozola.pk, "waitlist": "on"}).status_code == 302
    assert Registration.objects.get(activity=activity).person == ozola


def test_a_new_colleague_by_name_and_email_is_one_person_and_one_registration(admin_client):
    activity = factories.activity()
    own = factories.organisation()
    services.register(activity=activity, person=factories.employee(own, last_name="Esošais"))
    data = {"form": "new", "new-first_name": "Jūratė", "new-last_name": "Kazlauskienė",
            "new-email": "jurate@example.lt", "new-organisation": own.pk,
            "new-position_title": "Vyriausioji specialistė", "new-waitlist": "on"}
    people = Person.objects.count()
    assert admin_client.post(_url(activity), data).status_code == 302
    assert Person.objects.count() == people + 1
    registration = Registration.objects.get(activity=activity, person__last_name="Kazlauskienė")
    assert registration.organisation == own and registration.position.title == "Vyriausioji specialistė"

    # The same name again: the directory's duplicate warning, and nothing is added until it is confirmed.
    other = factories.activity(organiser=own)  # their organisation organises it: it is offered in the form
    response = admin_client.post(_url(other), data)
    assert response.status_code == 200 and "Possibly already in the directory" in response.content.decode()
    assert Person.objects.count() == people + 1 and not Registration.objects.filter(activity=other).exists()
    assert admin_client.post(_url(other), {**data, "new-confirm_new": "on"}).status_code == 302
    assert Person.objects.count() == people + 2


def test_the_xlsx_export_is_a_table_to_work_with(admin_client):
    activity = factories.activity(capacity=1)
    organisation = factories.organisation(name="Utenos rajono savivaldybė")
    _signed_up(activity, organisation, "Jūratė", "Čepulienė")
    _signed_up(activity, organisation, "Ąžuolas", "Žėkas")  # waiting: number 1 in the queue
    response = admin_client.get(_url(activity), {"format": "xlsx", "sort": "queue"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}3"
    header = [cell.value for cell in sheet[1]]
    waiting, seated = ({h: c.value for h, c in zip(header, sheet[n], strict=True)} for n in (2, 3))
    assert waiting["Queue position"] == 1 and waiting["Last name"] == "Žėkas" and waiting["First name"] == "Ąžuolas"
    assert seated["Queue position"] is None
    assert isinstance(seated["Registered"], datetime)
    assert sheet.cell(3, header.index("Registered") + 1).number_format == "yyyy-mm-dd hh:mm"
    assert seated["Last name"] == "Čepulienė" and "Utenos rajono savivaldybė" in seated["Organisation"]
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width
    csv = b"".join(admin_client.get(_url(activity), {"format": "csv"}).streaming_content).decode("utf-8-sig")
    assert "Čepulienė" in csv and "Žėkas" in csv


def _activity_with(count: int) -> Activity:
    """Registrations written in bulk (test data only): half confirmed, a quarter waiting, a quarter attended."""
    activity = factories.activity()
    session = services.add_session(activity=activity, start_date=activity.start_date)
    services.add_breakout(activity=activity, theme_lv="Grupa")
    organisations = [factories.organisation() for _ in range(3)]
    people = Person.objects.bulk_create(
        [Person(first_name="Parauga", last_name=f"Dalībnieks {n}", email=f"p{n}@example.lv") for n in range(count)])
    Position.objects.bulk_create([Position(person=p, organisation=organisations[n % 3], title_lv="Speciālists",
                                           title="Speciālists") for n, p in enumerate(people)])
    statuses = [S.CONFIRMED, S.WAITLISTED, S.CONFIRMED, S.ATTENDED]
    Registration.objects.bulk_create([
        Registration(activity=activity, person=p, organisation=organisations[n % 3], status=statuses[n % 4],
                     session=session if n % 5 == 0 else None) for n, p in enumerate(people)])
    return activity


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_runs_the_same_pinned_number_of_queries_at_10_and_5000_registrations(client):
    ContentType.objects.get_for_model(Activity)  # read once per process, as on a running site
    small, large = _activity_with(10), _activity_with(5000)
    client.force_login(factories.user(is_superuser=True))
    _queries(client, _url(small))  # the session and the user's roles, as on any later page
    counts = [_queries(client, url + query) for url in (_url(small), _url(large))
              for query in ("", "?sort=-name&status=confirmed&q=Parauga", "?sort=queue&page=2")]
    # with the count of the organisations, whose summary is paged too, and the page's rows read by their numbers
    assert counts == [18] * 6


def test_the_summary_by_organisation_is_paged(client):
    from kopa.activities import queries

    activity = _activity_with(10)
    summary = queries.registration_summary(activity, page=2, per_page=2)
    assert summary["organisations_page"].paginator.count == 3 and len(summary["per_organisation"]) == 1
    first = queries.registration_summary(activity, page=1, per_page=2)["per_organisation"]
    assert first + summary["per_organisation"] == queries.registration_summary(activity)["per_organisation"]


def test_a_coordinator_with_few_colleagues_picks_them_without_searching(client):
    activity = factories.activity()
    own = factories.organisation()
    anna, peter = factories.employee(own, first_name="Anna", last_name="Ozola"), factories.employee(own)
    client.force_login(factories.partner_coordinator(own))
    html = _page(client, activity)
    assert f'<option value="{anna.pk}">Anna Ozola</option>' in html and f'<option value="{peter.pk}">' in html
    assert '<label for="id_person">Colleague' in html
