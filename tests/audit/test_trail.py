"""The audit trail's mechanics: one entry per service call with old and new values, personal values kept apart
and erasable, nothing logged for a refused call, the back office's changes logged, and the log append-only."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from kopa.audit import acting, log_action
from kopa.audit.models import AppendOnly, Entry, PersonalValue
from kopa.core.errors import DomainError
from kopa.directory.models import Person
from kopa.privacy import services as privacy
from kopa.topics import services as topics
from kopa.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-123")


def test_a_service_call_writes_who_when_through_what_and_old_and_new(admin_user):
    with acting(channel="page"):
        topic = topics.add_topic(by=admin_user, name_lv="Audita tēma")
        topics.update_topic(topic=topic, by=admin_user, name_lv="Audita tēma, jaunā")
    added, changed = Entry.objects.order_by("pk")
    assert (added.action, added.model, added.object_id) == ("topics.add_topic", "topics.topic", str(topic.pk))
    assert added.changes["name_lv"] == {"old": None, "new": "Audita tēma"}
    assert changed.action == "topics.update_topic"
    assert changed.changes["name_lv"] == {"old": "Audita tēma", "new": "Audita tēma, jaunā"}
    assert (changed.actor_id, changed.actor_label, changed.actor_kind) == (admin_user.pk, "root", "user")
    assert changed.role == "administrator" and changed.channel == "page"


def test_a_refused_call_changes_nothing_and_logs_nothing(admin_user):
    with pytest.raises(DomainError):
        topics.add_topic(by=admin_user)  # no name in any language
    assert not Entry.objects.exists()


def test_personal_values_are_kept_apart_under_the_person_and_erasure_removes_them(admin_user):
    person = Person.objects.create(first_name="Ilze", last_name="Bērziņa", email="ilze@example.lv")
    privacy.record_consent(person=person, kind="photos", given=True, how="admin", by=admin_user)
    person.refresh_from_db()
    with acting(channel="admin"):
        person.first_name = "Ilze Anna"
        from kopa.audit.log import audited

        audited(action="test.rename")(lambda *, person: person.save())(person=person)
    entry = Entry.objects.get(action="test.rename")
    assert entry.changes == {"first_name": {"personal": True}}
    assert "Ilze" not in str(entry.changes) and "Ilze" not in entry.object_label
    value = PersonalValue.objects.get(entry=entry)
    assert (value.person_id, value.old, value.new) == (person.pk, "Ilze", "Ilze Anna")

    privacy.erase_person(person=person, by=admin_user, reason="asked")
    assert not PersonalValue.objects.filter(person_id=person.pk).exists()
    erasure = Entry.objects.get(action="privacy.erase_person", model="directory.person")
    assert erasure.changes["first_name"] == {"personal": True}  # it says that the name changed, not from what
    assert Entry.objects.filter(pk=entry.pk).exists()  # the entries stay
    assert not PersonalValue.objects.filter(new__icontains="Ilze").exists()


def test_a_call_inside_another_is_part_of_its_entries(admin_user):
    from kopa.audit.log import audited

    @audited(action="test.outer")
    def outer():
        topic = topics.add_topic(by=admin_user, name_lv="Ārējais")
        topics.update_topic(topic=topic, by=admin_user, name_lt="Išorinis")
        return topic

    topic = outer()
    entry = Entry.objects.get()
    assert entry.action == "test.outer" and entry.object_id == str(topic.pk)
    assert entry.changes["name_lt"] == {"old": None, "new": "Išorinis"}


def test_a_failed_inner_call_caught_by_the_outer_leaves_no_entry_of_its_rows(admin_user):
    from kopa.audit.log import audited

    @audited(action="test.outer")
    def outer():
        topic = topics.add_topic(by=admin_user, name_lv="Viens")
        try:
            topics.update_topic(topic=topic, by=admin_user, slug="NOT A SLUG")
        except DomainError:
            pass
        return topic

    outer()
    assert Entry.objects.get().changes.get("slug", {}).get("new") != "NOT A SLUG"


def test_log_action_by_hand_outside_a_call():
    entry = log_action(None, "test.note", note="sent", model="messaging.mailing", object_id=7)
    assert (entry.action, entry.model, entry.object_id, entry.actor_kind) == ("test.note", "messaging.mailing", "7",
                                                                             "system")


def test_the_log_is_append_only(admin_user):
    topics.add_topic(by=admin_user, name_lv="Nemainīgs")
    entry = Entry.objects.get()
    entry.note = "rewritten"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        Entry.objects.update(note="x")
    with pytest.raises(AppendOnly):
        Entry.objects.all().delete()
    # Not even SQL may rewrite it (PostgreSQL also refuses DELETE; SQLite's test databases are emptied with it).
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_entry SET note = 'x'")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_entry")
    assert Entry.objects.get().note == ""


def test_the_back_office_change_is_in_the_objects_history_with_old_and_new(client, admin_user):
    topic = Topic.objects.create(name_lv="Vecais", slug="vecais")  # not through a service: nothing logged yet
    client.force_login(admin_user)
    data = {"name_lv": "Jaunais", "name_lt": "", "name_en": "", "parent": "", "synonyms": "", "slug": "vecais"}
    response = client.post(f"/lv/admin/topics/topic/{topic.pk}/change/", data)
    assert response.status_code == 302
    entry = Entry.objects.get(model="topics.topic", object_id=str(topic.pk))
    assert entry.channel == "admin" and entry.actor_id == admin_user.pk
    assert entry.changes["name_lv"] == {"old": "Vecais", "new": "Jaunais"}



def test_a_back_office_save_not_through_a_service_is_logged_with_old_and_new_and_a_deletion_too(client, admin_user):
    from kopa.directory.models import Country

    country = Country.objects.create(code="XQ", name_lv="Vecā zeme", name_en="Old land")
    client.force_login(admin_user)
    data = {"code": "XQ", "name_lv": "Jaunā zeme", "name_lt": "Naujoji šalis", "name_en": "Old land"}
    assert client.post(f"/lv/admin/directory/country/{country.pk}/change/", data).status_code == 302
    entry = Entry.objects.get(model="directory.country", object_id=str(country.pk))
    assert (entry.action, entry.channel, entry.actor_id) == ("admin.change", "admin", admin_user.pk)
    assert entry.changes["name_lv"] == {"old": "Vecā zeme", "new": "Jaunā zeme"}
    assert entry.changes["name_lt"] == {"old": None, "new": "Naujoji šalis"}
    assert "code" not in entry.changes
    history = client.get(f"/lv/history/directory.country/{country.pk}/").content.decode()
    assert "Vecā zeme" in history and "Jaunā zeme" in history  # the object's history shows old and new

    assert client.post(f"/lv/admin/directory/country/{country.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Country.objects.filter(pk=country.pk).exists()
    deleted = Entry.objects.get(model="directory.country", object_id=str(country.pk), action="admin.delete")
    assert deleted.object_label and deleted.note == "deleted"


def test_an_anonymous_answer_is_logged_on_the_questionnaire_with_no_one_no_rows_and_the_day_only():
    from django.utils import timezone

    from kopa.surveys import services as surveys
    from tests.surveys import helpers

    survey = helpers.questionnaire(anonymous=True)
    invitation = helpers.invited(survey)
    first = Entry.objects.order_by("-pk").values_list("pk", flat=True).first()
    surveys.save_draft(invitation=invitation, answers={"role": "staff"})
    surveys.submit(questionnaire=survey, answers={"role": "staff", "rank": ["it", "tourism"]}, invitation=invitation)
    written = list(Entry.objects.filter(pk__gt=first).order_by("pk"))
    assert [(e.action, e.model, e.object_id) for e in written] == [
        ("surveys.save_draft", "surveys.questionnaire", str(survey.pk)),
        ("surveys.submit", "surveys.questionnaire", str(survey.pk))]
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    assert all(e.actor_id is None and e.actor_label == "anonymous" and e.changes == {} for e in written)
    assert all(e.at == midnight for e in written)
    assert not PersonalValue.objects.filter(entry__in=written).exists()


def test_a_secret_is_never_in_the_trail(admin_user):
    from kopa.accounts.services import create_api_token

    token, secret = create_api_token(user=admin_user, name="Skripts", scope="read")
    entry = Entry.objects.get(action="accounts.create_api_token", model="accounts.apitoken")
    assert entry.changes["digest"] == {"secret": True}
    assert secret not in str(entry.changes) and token.digest not in str(entry.changes)
    assert not PersonalValue.objects.filter(new__icontains=token.digest[:16]).exists()


def test_a_note_said_by_hand_on_the_calls_own_object_joins_its_entry(admin_user):
    from kopa.audit.log import audited

    topic = topics.add_topic(by=admin_user, name_lv="Piezīmju tēma")
    first = Entry.objects.order_by("-pk").values_list("pk", flat=True).first()

    @audited(action="test.bulk")
    def bulk(*, topic):
        Topic.objects.filter(pk=topic.pk).update(synonyms="a\nb")  # not seen row by row
        log_action(topic, "test.bulk", changes={"synonyms": {"old": "", "new": "a\nb"}}, note="2 synonyms")
        return topic

    bulk(topic=topic)
    entry = Entry.objects.get(pk__gt=first)
    assert entry.note == "2 synonyms" and entry.changes["synonyms"] == {"old": "", "new": "a\nb"}


def test_a_save_rolled_back_inside_a_call_that_commits_as_it_goes_is_not_logged(admin_user):
    from kopa.audit.log import audited

    kept = Topic.objects.create(name_lv="Paliek", slug="paliek")
    undone = Topic.objects.create(name_lv="Atsauc", slug="atsauc")

    @audited(atomic=False, action="test.sweep")
    def sweep():
        with transaction.atomic():
            kept.synonyms = "saglabāts"
            kept.save()
        try:
            with transaction.atomic():
                undone.synonyms = "atsaukts"
                undone.save()
                raise DomainError("no")
        except DomainError:
            pass

    sweep()
    logged = {e.object_id: e.changes for e in Entry.objects.filter(action="test.sweep")}
    assert logged[str(kept.pk)]["synonyms"] == {"old": "", "new": "saglabāts"}
    assert str(undone.pk) not in logged
