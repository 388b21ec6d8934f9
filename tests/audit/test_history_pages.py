"""Reading the audit trail: a project's history for its coordinators (with what happened in its activities), the
whole trail and any user's changes for administrators, personal values only for administrators and the person
they are about, exports as CSV (with a byte-order mark) and XLSX, a fixed number of queries per page, Latvian by
default, and the back office read-only for everyone."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from kopa.audit import acting, log_action
from kopa.audit.models import Entry, PersonalValue
from kopa.directory.models import Person
from kopa.topics import services as topics
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-123")


@pytest.fixture
def project():
    return factories.project(code="HIST-1")


@pytest.fixture
def coordinator(project):
    return factories.programme_coordinator(project)


@pytest.fixture
def activity(project):
    return factories.activity(project=project, title_lv="Pieredzes apmaiņa")


def _lv(msgid: str) -> str:
    with translation.override("lv"):
        return gettext(msgid)


def _history_url(model, object_id, query=""):
    return reverse("audit:object", args=[model, object_id]) + query


def _project_history(project):
    return _history_url("projects.project", project.pk)


def _personal_entry(project, person, *, new="Ilze Anna"):
    """A change of a registrant's name inside the project: the entry says it changed, the vault holds the values."""
    entry = Entry.objects.create(at=timezone.now(), actor_label="system", actor_kind="system", channel="import",
                                 action="activities.update_registration", model="activities.registration",
                                 object_id="9001", object_label="Registration #9001", project_id=project.pk,
                                 changes={"first_name": {"personal": True}, "password": {"secret": True}})
    PersonalValue.objects.create(entry=entry, person_id=person.pk, field="first_name", old="Ilze", new=new)
    return entry


def _body(response) -> str:
    return response.content.decode()


def test_a_coordinator_sees_their_projects_history_with_what_happened_in_its_activities(client, project,
                                                                                         coordinator, activity):
    log_action(activity, "activities.retitle", changes={"title_lv": {"old": "Vecais", "new": "Jaunais nosaukums"}})
    log_action(project, "projects.rename", changes={"acronym": {"old": "OLD", "new": "NEWACR"}})
    other = factories.project(code="HIST-OTHER")
    log_action(other, "projects.rename", changes={"acronym": {"old": "X", "new": "NOT-MINE"}})
    client.force_login(coordinator)
    response = client.get(_project_history(project))
    assert response.status_code == 200
    body = _body(response)
    assert "activities.retitle" in body and "Jaunais nosaukums" in body and "Vecais" in body
    assert "NEWACR" in body
    assert "NOT-MINE" not in body
    assert response["Cache-Control"] == "no-store"


def test_an_activitys_history_is_for_those_who_organise_it(client, project, coordinator, activity):
    log_action(activity, "activities.retitle", changes={"title_lv": {"old": "A", "new": "Organizatoru maiņa"}})
    history = _history_url("activities.activity", activity.pk)
    client.force_login(coordinator)
    assert "Organizatoru maiņa" in _body(client.get(history))
    assert history in _body(client.get(activity.get_absolute_url()))  # the organiser's link to it
    client.force_login(factories.user())
    assert client.get(history).status_code == 404
    assert history not in _body(client.get(activity.get_absolute_url()))


def test_another_projects_coordinator_is_not_shown_the_history(client, project, activity):
    log_action(project, "projects.rename", changes={"acronym": {"old": "A", "new": "B"}})
    stranger = factories.programme_coordinator(factories.project(code="HIST-2"))
    client.force_login(stranger)
    assert client.get(_project_history(project)).status_code == 404
    assert client.get(reverse("audit:everything")).status_code == 403


def test_the_history_link_shows_on_the_project_page_only_to_those_who_may_read_it(client, project, coordinator):
    history = _project_history(project)
    client.force_login(coordinator)
    assert history in _body(client.get(project.get_absolute_url()))
    client.force_login(factories.programme_coordinator(factories.project(code="HIST-3")))
    assert history not in _body(client.get(project.get_absolute_url()))


def test_anonymous_visitors_are_sent_to_sign_in(client, project):
    for url in (_project_history(project), reverse("audit:everything")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_administrator_filters_the_whole_trail_by_who_through_what_and_when(client, admin_user):
    alda = factories.programme_coordinator(factories.project(code="HIST-A"))  # may add topics
    with acting(channel="page"):
        topics.add_topic(by=alda, name_lv="Aldas tēma")
    with acting(channel="api"):
        topics.add_topic(by=admin_user, name_lv="API tēma")
    old = Entry.objects.create(at=timezone.now() - datetime.timedelta(days=40), actor_label="system",
                               actor_kind="system", channel="command", action="jobs.sweep", model="topics.topic",
                               object_id="1", object_label="Sen", changes={"name_lv": {"old": "a", "new": "Senā"}})
    client.force_login(admin_user)
    everything = reverse("audit:everything")

    mine = _body(client.get(everything, {"actor": alda.pk}))
    assert "Aldas tēma" in mine and "API tēma" not in mine and "Senā" not in mine
    assert alda.username in mine  # the heading names whose changes these are

    api = _body(client.get(everything, {"channel": "api"}))
    assert "API tēma" in api and "Aldas tēma" not in api

    day = timezone.localtime(old.at).date()
    dated = _body(client.get(everything, {"since": day.isoformat(), "until": day.isoformat()}))
    assert "Senā" in dated and "Aldas tēma" not in dated
    recent = _body(client.get(everything, {"since": (day + datetime.timedelta(days=1)).isoformat()}))
    assert "Senā" not in recent and "Aldas tēma" in recent
    # Each user's name in the list leads to their changes.
    assert f"{everything}?actor={alda.pk}" in _body(client.get(everything))


def test_a_personal_value_is_masked_for_a_coordinator_and_shown_to_an_administrator(client, project, coordinator,
                                                                                    admin_user):
    person = Person.objects.create(first_name="Ilze", last_name="Bērziņa")
    _personal_entry(project, person)
    client.force_login(coordinator)
    body = _body(client.get(_project_history(project)))
    assert "Ilze Anna" not in body
    assert _lv("changed (personal data)") in body
    assert _lv("changed (not shown)") in body  # the secret: no value for anyone

    client.force_login(admin_user)
    body = _body(client.get(_project_history(project)))
    assert "Ilze Anna" in body and _lv("changed (personal data)") not in body
    assert _lv("changed (not shown)") in body


def test_the_person_reads_their_own_values_in_their_history(client, project):
    account = factories.user()
    person = Person.objects.create(first_name="Ilze", last_name="Bērziņa", user=account)
    _personal_entry(project, person)
    client.force_login(account)
    body = _body(client.get(_history_url("directory.person", person.pk)))
    assert "Ilze Anna" in body
    assert _history_url("directory.person", person.pk) in _body(client.get(reverse("privacy:mine")))
    client.force_login(factories.user())
    assert client.get(_history_url("directory.person", person.pk)).status_code == 404


def test_the_csv_export_has_a_byte_order_mark_keeps_latvian_letters_and_masks_personal_values(
        client, project, coordinator, activity):
    log_action(activity, "activities.retitle", changes={"title_lv": {"old": "Vecais", "new": "Jaunā vārdā"}})
    _personal_entry(project, Person.objects.create(first_name="Ilze", last_name="Bērziņa"))
    client.force_login(coordinator)
    response = client.get(_project_history(project, ), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Jaunā vārdā" in text and "ā" in text
    assert "Ilze Anna" not in text and _lv("changed (personal data)") in text


def test_the_xlsx_export_opens_with_every_filtered_entry(client, admin_user):
    with acting(channel="page"):
        for number in range(3):
            topics.add_topic(by=admin_user, name_lv=f"Tēma ā {number}")
    client.force_login(admin_user)
    response = client.get(reverse("audit:everything"), {"format": "xlsx", "action": "topics.add"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 3
    assert rows[1][5] == "topics.add_topic"
    assert any("Tēma ā 2" in (row[9] or "") for row in rows[1:])


def test_older_and_newer_pages_go_by_entry_without_counting_the_log(client, admin_user):
    base = timezone.now() - datetime.timedelta(days=1)
    Entry.objects.bulk_create([Entry(at=base + datetime.timedelta(minutes=n), actor_label="system",
                                     actor_kind="system", channel="system", action=f"test.step{n:03}")
                               for n in range(60)])
    client.force_login(admin_user)
    first = client.get(reverse("audit:everything")).context
    assert first["page"].newer is None and len(first["rows"]) == 50
    assert first["rows"][0].entry.action == "test.step059"
    second = client.get(reverse("audit:everything"), {"before": first["page"].older}).context
    assert [row.entry.action for row in second["rows"]] == [f"test.step{n:03}" for n in range(9, -1, -1)]
    assert second["page"].older is None
    back = client.get(reverse("audit:everything"), {"after": second["page"].newer}).context
    assert back["rows"][0].entry.action == "test.step059" and len(back["rows"]) == 50


# Session and user; the page of entries; the topics they name (one query for the kind, for the links).
EVERYTHING_QUERIES = 4
# Session and user; the project and the user's roles; the viewer's own person; the page of entries; the personal
# values on it the viewer may read; the projects and the activities it names (one query per kind, for the links).
PROJECT_QUERIES = 9


@pytest.mark.parametrize("entries", [3, 60])
def test_the_whole_trail_reads_a_fixed_number_of_queries(client, admin_user, django_assert_num_queries, entries):
    with acting(channel="page"):
        for number in range(entries):
            topics.add_topic(by=admin_user, name_lv=f"Tēma {number}")
    client.force_login(admin_user)
    with django_assert_num_queries(EVERYTHING_QUERIES):
        assert client.get(reverse("audit:everything")).status_code == 200


@pytest.mark.parametrize("entries", [3, 60])
def test_a_projects_history_reads_a_fixed_number_of_queries(client, project, coordinator, activity,
                                                           django_assert_num_queries, entries):
    person = Person.objects.create(first_name="Ilze", last_name="Bērziņa")
    for number in range(entries):
        log_action(activity, "activities.retitle", changes={"title_lv": {"old": f"{number}", "new": "Cits"}})
        _personal_entry(project, person)
        log_action(project, "projects.rename", changes={"acronym": {"old": "A", "new": f"B{number}"}})
    client.force_login(coordinator)
    with django_assert_num_queries(PROJECT_QUERIES):
        assert client.get(_project_history(project)).status_code == 200


def test_the_history_page_is_in_latvian_by_default(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("audit:everything"))
    body = _body(response)
    assert reverse("audit:everything").startswith("/lv/")
    assert '<html lang="lv">' in body
    assert _lv("Changes, newest first") in body or _lv("Nothing recorded here (with these filters).") in body
    assert _lv("Audit trail") in body


def test_the_history_page_reads_latvian_once_the_translations_are_applied(client, admin_user):
    # TRANSLATIONS: needs /work/po/history.json merged into src/kopa/locale; skipped until then.
    if _lv("Changes, newest first") == "Changes, newest first":
        pytest.skip("the Latvian translations of the history page are not applied yet")
    log_action(None, "test.step", model="topics.topic", object_id="1")
    client.force_login(admin_user)
    body = _body(client.get(reverse("audit:everything")))
    assert "Izmaiņas, jaunākās vispirms" in body
    assert "Audita žurnāls" in body


def test_the_back_office_shows_the_trail_read_only_even_to_administrators(client, admin_user):
    entry = log_action(None, "test.step", model="topics.topic", object_id="1")
    client.force_login(admin_user)
    assert client.get(reverse("admin:audit_entry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_entry_change", args=[entry.pk])).status_code == 200
    assert client.get(reverse("admin:audit_entry_add")).status_code == 403
    assert client.get(reverse("admin:audit_entry_delete", args=[entry.pk])).status_code == 403
    assert client.post(reverse("admin:audit_entry_change", args=[entry.pk]), {"action": "forged"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == "test.step"
