"""People known by name, by office or not at all: recorded as the source gives them, and named only where the
one naming rule allows; photos shown only where the one photo consent rule allows."""

import base64
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from kopa.activities import services
from kopa.activities.models import Activity, Contributor
from kopa.core.errors import DomainError
from kopa.directory import services as directory
from kopa.directory.models import Position
from kopa.directory.naming import contributor_text, may_name
from kopa.publications.drafting import draft
from tests import factories

pytestmark = pytest.mark.django_db

AMBASSADOR = "the Ambassador of Norway to Latvia"


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _person(first_name, last_name, *, consent):
    return directory.save_person(first_name=first_name, last_name=last_name, publication_consent=consent)


@pytest.fixture
def visit():
    """A study visit with one programme item and one parallel group; its organiser's coordinator."""
    organiser = factories.organisation(name="Organizators")
    activity = factories.activity(kind="study_visit", organiser=organiser, title_lv="Pieredzes brauciens",
                                  status="held")
    item = services.add_programme_item(activity=activity, day=activity.start_date, title_lv="Uzruna")
    breakout = services.add_breakout(activity=activity, theme_lv="Tūrisms")
    return {"activity": activity, "item": item, "breakout": breakout,
            "coordinator": factories.partner_coordinator(organiser)}


def _page(client, activity, language="en") -> str:
    response = client.get(f"/{language}/activities/{activity.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _api(client, activity) -> dict:
    return client.get(f"/api/activities/{activity.pk}").json()


def test_each_kind_of_contributor_is_recorded_and_read_as_the_source_gave_it(client, visit):
    activity, item, breakout = visit["activity"], visit["item"], visit["breakout"]
    company = factories.organisation(name="Mācību uzņēmums")
    utena = factories.organisation(name="Utenas rajona pašvaldība")
    speaker = factories.employee(utena, first_name="Zita", last_name="Ringelevičienė", publication_consent=True)
    services.add_contributor(activity=activity, by=visit["coordinator"], role="presenter", programme_item=item,
                             position=speaker.positions.get())
    services.add_contributor(activity=activity, by=None, role="host",
                             person=_person("Ilze", "Bez Amata", consent=True))
    services.add_contributor(activity=activity, by=None, role="presenter", programme_item=item,
                             office_en=AMBASSADOR, office_lv="Norvēģijas vēstnieks Latvijā")
    services.add_contributor(activity=activity, by=None, role="presenter", programme_item=item, organisation=utena)
    services.add_contributor(activity=activity, by=None, role="trainer", breakout=breakout,
                             description_en="trainers of the company", organisation=company)
    services.add_contributor(activity=activity, by=None, role="moderator", breakout=breakout,
                             person=_person("Jānis", "Bērziņš", consent=True), name_as_written="J. Bērziņš")
    services.add_contributor(activity=activity, by=None, role="photographer", description_en="a freelance lecturer")
    services.add_contributor(activity=activity, by=None, role="other", office_lv="Tiesībsargs")

    html = _page(client, activity)
    assert re.search(r"Zita Ringelevičienė, (<span lang=\"lv\">)?Speciālists(</span>)?, Utenas rajona pašvaldība EN",
                     html)
    assert 'Other role: <span lang="lv">Tiesībsargs</span>' in html  # given in Latvian only: marked so
    assert "Host: Ilze Bez Amata" in html
    assert AMBASSADOR in html and "vēstnieks" not in html  # the English page, in English
    assert "trainers of the company, Mācību uzņēmums EN" in html
    assert "Moderator: J. Bērziņš" in html and "Jānis Bērziņš" not in html  # initials kept as written
    assert "Photographer: a freelance lecturer" in html
    assert 'id="people-heading"' in html  # the whole activity's people in their own section

    data = _api(client, activity)
    rows = {(row["role"], row["kind"]): row for row in data["contributors"]}
    assert set(rows) == {("presenter", "position"), ("host", "person"), ("presenter", "office"),
                         ("presenter", "organisation"), ("trainer", "description"), ("moderator", "person"),
                         ("photographer", "description"), ("other", "office")}
    assert rows[("presenter", "office")]["programme_item"] == item.pk
    assert rows[("trainer", "description")]["breakout"] == breakout.pk
    assert rows[("moderator", "person")]["text"] == "J. Bērziņš"
    assert rows[("host", "person")]["programme_item"] is None and rows[("host", "person")]["breakout"] is None
    presenters = data["programme"][0]["presenters"]
    assert presenters[0].startswith("Zita Ringelevičienė, Speciālists, ")
    assert "Norvēģijas vēstnieks Latvijā" in presenters  # the API reads in the default language
    assert len(presenters) == 3


def test_each_kind_of_contributor_is_recorded_through_the_api(client, visit):
    activity, item, breakout = visit["activity"], visit["item"], visit["breakout"]
    auth = _basic(visit["coordinator"])
    utena = factories.organisation(name="Utenas rajona pašvaldība")
    speaker = factories.employee(utena, first_name="Zita", last_name="Ringelevičienė", publication_consent=True)
    payloads = [
        {"role": "presenter", "programme_item": item.pk, "position": speaker.positions.get().pk},
        {"role": "host", "person": _person("Ilze", "Bez Amata", consent=True).pk},
        {"role": "presenter", "programme_item": item.pk, "office_en": AMBASSADOR},
        {"role": "presenter", "organisation": utena.slug},
        {"role": "trainer", "breakout": breakout.pk, "description_en": "a freelance lecturer"},
        {"role": "moderator", "breakout": breakout.pk, "name_as_written": "J. Bērziņš",
         "person": _person("Jānis", "Bērziņš", consent=True).pk},
    ]
    kinds = []
    for payload in payloads:
        response = client.post(f"/api/activities/{activity.pk}/contributors", payload,
                               content_type="application/json", **auth)
        assert response.status_code == 201, response.content
        kinds.append(response.json()["kind"])
    assert kinds == ["position", "person", "office", "organisation", "description", "person"]
    texts = {row["text"] for row in _api(client, activity)["contributors"]}
    assert {AMBASSADOR, "a freelance lecturer", "J. Bērziņš", "Ilze Bez Amata", str(utena)} <= texts
    html = _page(client, activity)
    assert AMBASSADOR in html and "a freelance lecturer" in html and "J. Bērziņš" in html

    removed = Contributor.objects.get(office_en=AMBASSADOR)
    assert client.delete(f"/api/contributors/{removed.pk}").status_code == 401
    assert client.delete(f"/api/contributors/{removed.pk}", **auth).status_code == 204
    assert AMBASSADOR not in _page(client, activity)


def test_a_private_person_is_shown_by_role_only_on_the_page_in_the_api_and_in_a_drafted_article(client, visit):
    activity, item = visit["activity"], visit["item"]
    utena = factories.organisation(name="Utenas rajona pašvaldība")
    private = _person("Privāta", "Persona", consent=False)
    with_position = factories.employee(utena, first_name="Slēpta", last_name="Amatpersona",
                                       publication_consent=False)
    services.add_contributor(activity=activity, by=None, role="presenter", programme_item=item, person=private,
                             organisation=utena)
    services.add_contributor(activity=activity, by=None, role="host", position=with_position.positions.get())

    html = _page(client, activity)
    assert "Persona" not in html and "Amatpersona" not in html
    assert f"presenter, {utena.name_en}" in html  # by role, with the organisation the source gave
    assert re.search(r"Host: (<span lang=\"lv\">)?Speciālists(</span>)?, Utenas", html)  # by position

    data = _api(client, activity)
    texts = [row["text"] for row in data["contributors"]]
    assert not any("Persona" in text for text in texts)
    from django.utils import translation

    from kopa.activities.models import Contributor

    with translation.override("lv"):  # the API answers in the site's default language
        presenter = str(Contributor.Role.PRESENTER.label)
    assert data["programme"][0]["presenters"] == [f"{presenter}, {utena.name_lv}"]

    article = draft(activity.pk)
    for language in ("lv", "lt", "en"):
        body = article[language]["body"]
        assert "Persona" not in body and "Amatpersona" not in body
    assert f"presenter, {utena.name_en}" in article["en"]["body"]

    # The organiser sees whom they recorded, on the page, but a draft stays as the public reads it.
    client.force_login(visit["coordinator"])
    assert "Privāta Persona" in _page(client, activity)
    assert "Persona" not in draft(activity.pk)["en"]["body"]


def test_marking_an_office_holder_public_shows_the_name_and_records_who_and_when(client, visit):
    activity, item, coordinator = visit["activity"], visit["item"], visit["coordinator"]
    ambassador = _person("Kristians", "Jervels", consent=False)
    contributor = services.add_contributor(activity=activity, by=coordinator, role="presenter",
                                           programme_item=item, person=ambassador, office_en=AMBASSADOR)
    html = _page(client, activity)
    assert AMBASSADOR in html and "Jervels" not in html

    contributor = services.mark_public(contributor=contributor, by=coordinator, in_office=True,
                                       published_by_source=None)
    assert contributor.public_in_office and not contributor.published_by_source
    assert contributor.marked_public_by == coordinator and contributor.marked_public_at is not None
    assert "Kristians Jervels, the Ambassador of Norway to Latvia" in _page(client, activity)
    assert "Kristians Jervels" in draft(activity.pk)["en"]["body"]
    assert any("Jervels" in row["text"] for row in _api(client, activity)["contributors"])

    # From the organiser's record page: the marks are cleared again, with who and when.
    client.force_login(coordinator)
    record = client.get(f"/en/activities/{activity.pk}/record/").content.decode()
    assert "acting in a public office" in record
    client.post(f"/en/activities/{activity.pk}/contributors/{contributor.pk}/publicity/", {})
    contributor.refresh_from_db()
    assert not contributor.public_in_office and contributor.marked_public_by == coordinator
    client.logout()
    assert "Jervels" not in _page(client, activity)


def test_a_name_the_source_published_may_be_shown_without_consent():
    person = _person("Publicēta", "Avotā", consent=False)
    assert not may_name(person)
    assert may_name(person, published_by_source=True)
    assert may_name(person, public_in_office=True)
    assert may_name(_person("Piekrita", "Publicēt", consent=True))


def test_initials_are_kept_as_written_even_without_a_directory_person(visit):
    activity = visit["activity"]
    written = services.add_contributor(activity=activity, by=None, role="presenter", name_as_written="J. B.",
                                       description_en="a freelance lecturer")
    with translation.override("en"):
        assert contributor_text(written) == "a freelance lecturer"  # no one agreed to the name: not shown
        services.mark_public(contributor=written, by=None, published_by_source=True)
        written.refresh_from_db()
        assert contributor_text(written) == "J. B., a freelance lecturer"


def test_a_photo_with_a_person_who_withdrew_consent_is_hidden_from_the_public(client, visit):
    activity, coordinator = visit["activity"], visit["coordinator"]
    person = factories.employee(factories.organisation(), last_name="Atsauca", photo_consent=True)
    photo = services.add_photo(activity=activity, caption_lv="Grupas foto", alt_text_lv="Dalībnieki pie galda",
                               people=[person], image=SimpleUploadedFile("a.png", _png(), content_type="image/png"))
    services.publish_photo(photo=photo, by=coordinator)
    assert "Grupas foto" in _page(client, activity, "lv")
    assert client.get(f"/en/activities/photos/{photo.pk}/image").status_code == 200

    directory.save_person(first_name=person.first_name, last_name=person.last_name, person=person,
                          photo_consent=False)
    assert "Grupas foto" not in _page(client, activity, "lv")
    assert client.get(f"/en/activities/photos/{photo.pk}/image").status_code == 404
    photo.is_public = False
    photo.save(update_fields=["is_public"])
    with pytest.raises(DomainError) as refused:
        services.publish_photo(photo=photo, by=coordinator)
    assert refused.value.code == "consent"
    client.force_login(coordinator)  # the organisers still see what they keep
    assert client.get(f"/en/activities/photos/{photo.pk}/image").status_code == 200


def test_bad_input_is_refused_with_a_translated_message_and_nothing_saved(client, visit):
    activity, coordinator = visit["activity"], visit["coordinator"]
    other_item = services.add_programme_item(activity=factories.activity(), title_lv="Cits")
    somebody, someone_else = factories.employee(factories.organisation()), _person("Cits", "Cilvēks", consent=True)
    with translation.override("en"):
        with pytest.raises(DomainError) as nobody:
            services.add_contributor(activity=activity, by=coordinator, role="presenter", office_en="  ")
        assert "Say who it was" in str(nobody.value)
        with pytest.raises(DomainError) as elsewhere:
            services.add_contributor(activity=activity, by=coordinator, role="presenter",
                                     programme_item=other_item, office_en=AMBASSADOR)
        assert elsewhere.value.field == "programme_item" and "another activity" in str(elsewhere.value)
        with pytest.raises(DomainError) as mismatch:
            services.add_contributor(activity=activity, by=coordinator, role="presenter",
                                     position=somebody.positions.get(), person=someone_else)
        assert mismatch.value.field == "position"
    auth = _basic(coordinator)
    response = client.post(f"/api/activities/{activity.pk}/contributors", {"role": "presenter"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **auth)
    assert response.status_code == 400 and "Say who it was" in response.json()["detail"]
    response = client.post(f"/api/activities/{activity.pk}/contributors",
                           {"role": "presenter", "organisation": "no-such-organisation"},
                           content_type="application/json", **auth)
    assert response.status_code == 400 and response.json()["field"] == "organisation"
    response = client.post(f"/api/activities/{activity.pk}/contributors",
                           {"role": "presenter", "programme_item": other_item.pk, "office_en": AMBASSADOR},
                           content_type="application/json", **auth)
    assert response.status_code == 400 and response.json()["field"] == "programme_item"
    response = client.post(f"/api/activities/{activity.pk}/contributors",
                           {"role": "presenter", "office_en": "x" * 301}, content_type="application/json", **auth)
    assert response.status_code == 422
    stranger = factories.user()
    response = client.post(f"/api/activities/{activity.pk}/contributors", {"role": "host", "office_en": "x"},
                           content_type="application/json", **_basic(stranger))
    assert response.status_code == 403

    client.force_login(coordinator)
    response = client.post(f"/en/activities/{activity.pk}/record/",
                           {"form": "contributor", "contributor-role": "presenter"})
    assert response.status_code == 200 and "Say who it was" in response.content.decode()
    assert not Contributor.objects.exists()


def test_the_record_page_adds_and_removes_a_contributor(client, visit):
    activity, item, coordinator = visit["activity"], visit["item"], visit["coordinator"]
    client.force_login(coordinator)
    response = client.post(f"/en/activities/{activity.pk}/record/", {
        "form": "contributor", "contributor-role": "presenter", "contributor-part": f"item-{item.pk}",
        "contributor-office_en": AMBASSADOR, "contributor-name_as_written": "K. J."})
    assert response.status_code == 302
    contributor = Contributor.objects.get()
    assert (contributor.programme_item, contributor.office_en, contributor.name_as_written) == (item, AMBASSADOR,
                                                                                                "K. J.")
    client.post(f"/en/activities/{activity.pk}/contributors/{contributor.pk}/remove/")
    assert not Contributor.objects.exists()
    client.logout()
    assert client.get(f"/en/activities/{activity.pk}/record/").status_code == 302  # to the login page


def test_programme_presenters_and_a_breakout_moderator_become_contributors(visit):
    activity = visit["activity"]
    speaker = factories.employee(factories.organisation(), publication_consent=True)
    moderator = _person("Moderē", "Grupu", consent=True)
    item = services.add_programme_item(activity=activity, title_lv="Prezentācija",
                                       presenters=list(Position.objects.filter(person=speaker)))
    breakout = services.add_breakout(activity=activity, theme_lv="Kultūra", moderator=moderator)
    assert [c.position.person for c in item.contributors.all()] == [speaker]
    assert [(c.role, c.person) for c in breakout.contributors.all()] == [("moderator", moderator)]


def _page_queries(client, activity) -> int:
    ContentType.objects.get_for_model(Activity)  # read once per process, as on a running site
    with CaptureQueriesContext(connection) as captured:
        _page(client, activity)
    return len(captured)


def test_the_activity_page_costs_the_same_queries_with_1_or_50_contributors(client, visit):
    activity, item, breakout = visit["activity"], visit["item"], visit["breakout"]
    organisation = factories.organisation()
    people = [factories.employee(organisation, publication_consent=bool(n % 2)) for n in range(50)]
    services.add_contributor(activity=activity, by=None, role="presenter", programme_item=item,
                             position=people[0].positions.get())
    one = _page_queries(client, activity)
    for n, person in enumerate(people[1:], start=1):
        where = [{"programme_item": item}, {"breakout": breakout}, {}][n % 3]
        kind = [{"position": person.positions.get()}, {"person": person, "office_en": AMBASSADOR},
                {"organisation": organisation}, {"description_en": "a freelance lecturer"}][n % 4]
        services.add_contributor(activity=activity, by=None, role="presenter", **where, **kind)
    assert Contributor.objects.filter(activity=activity).count() == 50
    fifty = _page_queries(client, activity)
    # Pinned: contributors cost two queries (themselves, their people's positions); the sources section two; who
    # took part three (the first organisations and municipalities with their totals, the people registered); the
    # photos two (the first of them and their number).
    assert one == fifty == 28

    client.force_login(visit["coordinator"])  # the organiser's page asks the naming rule with a viewer
    organiser_one = _page_queries(client, activity)
    services.add_contributor(activity=activity, by=None, role="host", person=people[2])
    assert _page_queries(client, activity) == organiser_one == 33


def test_the_migration_turns_presenters_and_moderators_into_contributors(transactional_db):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    # The directory stays as it is (its tables have grown since): the old models are read with its current state.
    directory = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "directory"]
    before = [("activities", "0003_dates_as_stated_participation_headcounts_topics"), *directory]
    after = [("activities", "0005_remove_presenters_and_moderator"), *directory]
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        Country, Organisation = old.get_model("directory", "Country"), old.get_model("directory", "Organisation")
        Person, OldPosition = old.get_model("directory", "Person"), old.get_model("directory", "Position")
        Activity, Item = old.get_model("activities", "Activity"), old.get_model("activities", "ProgrammeItem")
        Breakout = old.get_model("activities", "Breakout")
        country = Country.objects.create(code="LV", name="Latvija")
        organisation = Organisation.objects.create(slug="utena", name="Utena", kind="other", country=country)
        people = [Person.objects.create(first_name="P", last_name=str(n)) for n in range(3)]
        positions = [OldPosition.objects.create(person=p, organisation=organisation, title="T") for p in people[:2]]
        activity = Activity.objects.create(kind="seminar", title="S", title_lv="S")
        item = Item.objects.create(activity=activity, title="I", title_lv="I")
        item.presenters.set(positions)
        Breakout.objects.create(activity=activity, moderator=people[2])
        Breakout.objects.create(activity=activity)
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("activities", "Contributor")
        rows = sorted(new.objects.values_list("role", "programme_item_id", "position_id", "person_id", "breakout_id"))
        assert rows[0][0] == "moderator" and rows[0][3] == people[2].pk and rows[0][4] is not None
        assert sorted(r[2] for r in rows[1:]) == sorted(p.pk for p in positions)
        assert all(r[:2] == ("presenter", item.pk) for r in rows[1:])
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_roles_in_a_whole_project_are_recorded_in_the_pages_and_the_api_and_named_by_the_one_rule(client):
    import base64

    project = factories.project(code="ROLES-1")
    coordinator = factories.programme_coordinator(project)
    organisation = factories.organisation(name="Vadošais partneris")
    manager = factories.employee(organisation, first_name="Inese", last_name="Projektvadītāja",
                                 publication_consent=True)
    private = factories.employee(organisation, first_name="Slēpta", last_name="Kontaktpersona",
                                 publication_consent=False)
    client.force_login(coordinator)
    response = client.post(f"/en/activities/projects/{project.pk}/people/", {
        "contributor-role": "project_manager", "contributor-position": manager.positions.get().pk})
    assert response.status_code == 302
    headers = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{coordinator.username}:pw-test-123".encode())
               .decode()}
    created = client.post(f"/api/projects/{project.pk}/contributors", {
        "role": "contact_person", "position": private.positions.get().pk}, content_type="application/json",
        **headers)
    assert created.status_code == 201 and created.json()["project"] == "ROLES-1"
    assert client.post(f"/api/projects/{project.pk}/contributors", {"role": "contact_person"},
                       content_type="application/json", **headers).status_code == 400
    client.logout()
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "Inese Projektvadītāja" in page  # consented
    assert "Kontaktpersona" not in page and "Contact person" in page  # by position only
    outsider = factories.user()
    client.force_login(outsider)
    assert client.get(f"/en/activities/projects/{project.pk}/people/").status_code == 403
