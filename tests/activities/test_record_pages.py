import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kopa.activities import services
from kopa.activities.models import Outcome, Photo, WorkingGroup
from tests import factories

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _organiser_client(client, activity):
    client.force_login(factories.partner_coordinator(activity.organisers.get()))
    return f"/en/activities/{activity.pk}/record/"


def test_an_organiser_adds_an_outcome(client):
    activity = factories.activity()
    url = _organiser_client(client, activity)
    response = client.post(url, {"form": "outcome", "outcome-title_lv": "Panākumu formula", "outcome-text_lv": "…"})
    assert response.status_code == 302
    assert Outcome.objects.get(activity=activity).title_lv == "Panākumu formula"
    response = client.post(url, {"form": "outcome", "outcome-title_lv": ""})
    assert "The outcome needs a title." in response.content.decode()
    assert Outcome.objects.count() == 1


def test_an_uploaded_photo_must_be_an_image_and_goes_public_only_with_consent(client):
    activity = factories.activity()
    org = factories.organisation()
    refusing = factories.employee(org, last_name="Bezpiekrišanas", photo_consent=False)
    services.register(activity=activity, person=refusing)
    url = _organiser_client(client, activity)
    not_an_image = SimpleUploadedFile("minutes.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(
        url, {"form": "photo", "photo-image": not_an_image, "photo-caption_lv": "X", "photo-alt_text_lv": "X"}
    )
    assert response.status_code == 200 and not Photo.objects.exists()
    image = SimpleUploadedFile("group.png", _png(), content_type="image/png")
    client.post(
        url,
        {
            "form": "photo",
            "photo-image": image,
            "photo-caption_lv": "Grupas foto",
            "photo-alt_text_lv": "Dalībnieki pie muzeja",
            "photo-people": [refusing.pk],
        },
    )
    photo = Photo.objects.get()
    response = client.post(f"/en/activities/{activity.pk}/photos/{photo.pk}/publish/", follow=True)
    assert "did not agree to be shown in photos" in response.content.decode()
    photo.refresh_from_db()
    assert not photo.is_public
    assert "Grupas foto" not in client.get(activity.get_absolute_url()).content.decode()


def test_an_organiser_opens_and_closes_a_vote(client):
    activity = factories.activity(kind="webinar")
    poll = services.create_poll(activity=activity, question_lv="Labākais?", entries=[{"title": "A"}, {"title": "B"}])
    url = _organiser_client(client, activity)
    client.post(f"/en/activities/{activity.pk}/votes/{poll.pk}/status/", {"status": "open"})
    poll.refresh_from_db()
    assert poll.status == "open"
    client.post(f"/en/activities/{activity.pk}/votes/{poll.pk}/status/", {"status": "closed"})
    poll.refresh_from_db()
    assert poll.status == "closed"
    assert client.get(url).status_code == 200


def test_the_record_page_is_for_organisers_only(client):
    activity = factories.activity()
    client.force_login(factories.partner_coordinator(factories.organisation()))
    assert client.get(f"/en/activities/{activity.pk}/record/").status_code == 403


def test_a_working_group_lists_its_meetings_and_only_consenting_members(client):
    project = factories.project()
    group = WorkingGroup.objects.create(
        slug="tourism",
        project=project,
        name_lv="Tūrisma darba grupa",
        name_en="Tourism working group",
        theme_lv="tūrisms",
        theme_en="tourism",
    )
    lt_org = factories.organisation(country_code="LT")
    group.members.add(
        factories.employee(lt_org, last_name="Viešas", publication_consent=True),
        factories.employee(lt_org, last_name="Privatus", publication_consent=False),
    )
    meeting = factories.activity(kind="working_group_meeting", title_lv="Tūrisma grupas tikšanās", working_group=group)
    html = client.get("/lv/activities/working-groups/tourism/").content.decode()
    assert "Viešas" in html and "Privatus" not in html and meeting.title_lv in html
    assert "Tūrisma darba grupa" in client.get("/lv/activities/working-groups/").content.decode()


def test_photos_are_served_only_when_public_with_consent(client):
    activity = factories.activity()
    photo = services.add_photo(
        activity=activity, caption_lv="Foto", image=SimpleUploadedFile("a.png", _png(), content_type="image/png")
    )
    url = f"/activities/photos/{photo.pk}/image"
    assert client.get("/en" + url).status_code == 404
    services.publish_photo(photo=photo)
    assert client.get("/en" + url).status_code == 200
    person = factories.employee(factories.organisation(), photo_consent=True)
    photo.people.add(person)
    person.photo_consent = False  # consent withdrawn after publication
    person.save()
    assert client.get("/en" + url).status_code == 404
    assert "Foto" not in client.get(activity.get_absolute_url()).content.decode()


def test_the_online_link_is_for_participants_and_organisers(client):
    from kopa.directory import services as directory

    activity = factories.activity(format="online", online_link="https://meet.example.org/kopa")
    assert "meet.example.org" not in client.get(activity.get_absolute_url()).content.decode()
    user = factories.user()
    person = factories.employee(factories.organisation())
    directory.save_person(first_name=person.first_name, last_name=person.last_name, person=person, user=user)
    services.register(activity=activity, person=person, by=user)
    client.force_login(user)
    assert "meet.example.org" in client.get(activity.get_absolute_url()).content.decode()


def test_an_activity_with_many_photos_shows_its_first_with_all_of_them_a_page_at_a_time(client):
    from kopa.activities.models import Photo
    from kopa.activities.queries import PHOTOS_SHOWN

    activity = factories.activity(title_lv="Konference Rēzeknē")
    refusing = factories.employee(factories.organisation(), photo_consent=False)
    for number in range(PHOTOS_SHOWN + 3):
        Photo.objects.create(activity=activity, caption=f"Mirklis {number:02}", alt_text_lv="Zāle", is_public=True)
    private = Photo.objects.create(activity=activity, caption="Neredzams", is_public=True)
    private.people.set([refusing])  # not everyone in it agrees: never shown, never counted

    page = client.get(activity.get_absolute_url()).content.decode()
    assert page.count("Mirklis ") == PHOTOS_SHOWN and "Mirklis 00" in page and "Neredzams" not in page
    assert f"Visas {PHOTOS_SHOWN + 3} fotogrāfijas →" in page
    whole = client.get(activity.get_absolute_url() + "?list=photos")
    assert whole.context["page"].paginator.count == PHOTOS_SHOWN + 3
    assert "Mirklis 14" in whole.content.decode() and "Neredzams" not in whole.content.decode()
