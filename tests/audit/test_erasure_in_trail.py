"""Erasing a demo participant leaves nothing of them in the audit trail's pages and exports: the personal values
the trail held about them are deleted, the entries (which never held a name) stay, and the figures are equal."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from kopa.activities.models import Registration
from kopa.audit.models import Entry, PersonalValue
from kopa.directory import services as directory
from kopa.privacy import services as privacy

pytestmark = pytest.mark.django_db


def test_an_erased_participant_is_in_no_history_page_or_export_and_the_entries_stay(demo, client):
    admin = get_user_model().objects.get(username="admin")
    registration = (Registration.objects.filter(status=Registration.Status.ATTENDED).exclude(person__email="")
                    .select_related("person", "activity").order_by("pk").first())
    person, activity = registration.person, registration.activity
    directory.update_person(by=admin, person=person, first_name=person.first_name + "a", email="jauna@example.lv")
    person.refresh_from_db()
    names = [person.first_name, person.last_name, person.email, "jauna@example.lv"]
    assert PersonalValue.objects.filter(person_id=person.pk).exists()
    client.force_login(admin)
    pages = [f"/lv/history/directory.person/{person.pk}/", f"/lv/history/activities.activity/{activity.pk}/",
             f"/lv/history/projects.project/{activity.project_id}/", "/lv/history/?model=directory.person"]
    before = client.get(pages[0]).content.decode()
    assert person.last_name in before  # an administrator sees the values before the erasure
    entries = Entry.objects.count()
    attended = Registration.objects.filter(activity=activity, status=Registration.Status.ATTENDED).count()

    privacy.erase_person(person=person, by=admin, reason="asked in writing")

    assert not PersonalValue.objects.filter(person_id=person.pk).exists()
    assert Entry.objects.count() > entries  # nothing was removed from the trail; the erasure was added
    for url in pages:
        sep = "&" if "?" in url else "?"
        for query in ("", f"{sep}format=csv", f"{sep}format=xlsx"):
            response = client.get(url + query)
            assert response.status_code == 200, url + query
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if query.endswith("xlsx"):
                sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
                text = "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
            else:
                text = body.decode("utf-8-sig")
            for name in names:
                assert name not in text, (url + query, name)
    assert Registration.objects.filter(activity=activity, status=Registration.Status.ATTENDED).count() == attended
