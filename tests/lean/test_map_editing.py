"""The LEAN team edits its value-stream map in the pages; every save is a new version of the map."""

import pytest
from django.utils import translation

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.core.errors import DomainError, PermissionDenied
from kopa.lean import maps, queries, services
from kopa.lean.models import ProcessMap
from tests import factories
from tests.lean.test_maps_and_services import STEPS, _service

pytestmark = pytest.mark.django_db


def lean_team_member(organisation):
    member = factories.user()
    assign_role(user=member, role=RoleAssignment.Role.LEAN_TEAM, organisation=organisation)
    return member


def _team_and_service():
    own = factories.organisation()
    service = _service(own)
    services.save_map(service=service, steps=STEPS)
    return lean_team_member(own), service


def _post(rows: list[dict], *, initial: int, note: str = "", extra: int = 0) -> dict:
    """What the editor sends: one row per step as shown (existing ones first), then `extra` empty rows."""
    data = {"steps-TOTAL_FORMS": str(len(rows) + extra), "steps-INITIAL_FORMS": str(initial),
            "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "200", "note": note}
    for index, row in enumerate(rows):
        for name, value in row.items():
            if value is None or value is False:
                continue
            data[f"steps-{index}-{name}"] = "on" if value is True else str(value)
    return data


def _current_rows(service) -> list[dict]:
    _map, steps = queries.current_map(service)
    return [{**row, "ORDER": number} for number, row in enumerate(queries.steps_for_editing(steps), start=1)]


def _names(process_map: ProcessMap) -> list[str]:
    return [step.name_lv for step in process_map.steps.order_by("position")]


# The service the editor calls.

def test_a_saved_map_is_a_new_version_with_its_steps_and_links():
    team, service = _team_and_service()
    steps = [dict(step) for step in STEPS[:2]] + [
        {"name_en": "hand over", "processing_minutes": 5, "value_class": "value_adding", "alternative_to": 2}]
    new = services.save_map(service=service, steps=steps, by=team, note="hand over instead of checking")
    assert new.version == 2 and new.based_on.version == 1 and new.note == "hand over instead of checking"
    rows = list(new.steps.order_by("position"))
    assert [row.name for row in rows] == ["submit", "check", "hand over"]
    assert rows[1].rework_to == rows[0] and rows[2].alternative_to == rows[1]
    assert service.maps.get(version=1).steps.count() == 4  # the old version is untouched


def test_an_invalid_step_is_refused_and_nothing_saved():
    team, service = _team_and_service()
    steps = [dict(STEPS[0]), {"name_lv": "gaidīt", "processing_minutes": 5, "value_class": "necessary",
                              "rework_to": 7}]
    with translation.override("en"), pytest.raises(DomainError, match="Step 2 refers to a step that does not"):
        services.save_map(service=service, steps=steps, by=team)
    assert list(service.maps.values_list("version", flat=True)) == [1]


def test_someone_without_rights_cannot_save_a_map():
    _team, service = _team_and_service()
    with pytest.raises(PermissionDenied):
        services.save_map(service=service, steps=STEPS, by=lean_team_member(factories.organisation()))
    with pytest.raises(PermissionDenied):
        services.save_map(service=service, steps=STEPS, by=factories.user())
    assert service.maps.count() == 1


# The page.

def test_the_team_edits_the_map_in_the_page_and_a_new_version_is_saved(client):
    team, service = _team_and_service()
    client.force_login(team)
    html = client.get(f"/en/lean/services/{service.pk}/").content.decode()
    assert f'href="/en/lean/services/{service.pk}/map/"' in html and "Edit the map" in html
    html = client.get(f"/en/lean/services/{service.pk}/map/").content.decode()
    assert "<legend>Step 3: copy to archive</legend>" in html and "Step 5 (new)" in html
    assert 'for="id_steps-0-name_lv"' in html and 'id="id_steps-0-name_lv"' in html

    rows = _current_rows(service)
    rows[2]["DELETE"] = True  # without the archive copy
    rows.append({"name_lv": "paziņot", "name_en": "notify", "processing_minutes": 5, "waiting_minutes": "",
                 "value_class": "value_adding", "rework_to": 2})  # row 5, new
    response = client.post(f"/en/lean/services/{service.pk}/map/",
                           _post(rows, initial=4, note="bez arhīva", extra=2))
    assert response.status_code == 302 and response["Location"] == f"/en/lean/services/{service.pk}/"

    new = service.maps.get(version=2)
    assert _names(new) == ["submit", "check", "approve", "paziņot"] and new.note == "bez arhīva"
    steps = list(new.steps.order_by("position"))
    assert steps[1].rework_to == steps[0] and steps[3].rework_to == steps[1] and steps[3].waiting_minutes == 0
    assert maps.figures(steps).lead_minutes == 1580 - 40 + 5
    assert _names(service.maps.get(version=1)) == ["submit", "check", "copy to archive", "approve"]
    assert "version 2" in client.get(f"/en/lean/services/{service.pk}/").content.decode()


def test_changing_the_order_moves_the_links_with_the_steps(client):
    team, service = _team_and_service()
    client.force_login(team)
    rows = _current_rows(service)
    rows[0]["ORDER"], rows[3]["ORDER"] = 9, 0  # "approve" first, "submit" last
    response = client.post(f"/en/lean/services/{service.pk}/map/", _post(rows, initial=4))
    assert response.status_code == 302
    steps = list(service.maps.get(version=2).steps.order_by("position"))
    assert [s.name_lv for s in steps] == ["approve", "check", "copy to archive", "submit"]
    assert steps[1].rework_to == steps[3]  # "check" still sends the case back to "submit"


def test_a_link_to_a_removed_step_is_shown_on_its_field_and_nothing_is_saved(client):
    team, service = _team_and_service()
    client.force_login(team)
    rows = _current_rows(service)
    rows[0]["DELETE"] = True  # but "check" still sends the case back to step 1
    response = client.post(f"/en/lean/services/{service.pk}/map/", _post(rows, initial=4))
    html = response.content.decode()
    assert response.status_code == 200 and service.maps.count() == 1
    assert 'id="id_steps-1-rework_to_error"' in html and "There is no step 1 on this form" in html
    assert 'aria-describedby="id_steps-1-rework_to_error"' in html


def test_a_step_the_service_refuses_is_shown_in_the_users_language_and_nothing_is_saved(client):
    team, service = _team_and_service()
    client.force_login(team)
    rows = _current_rows(service)
    rows[2]["waste_kind"] = ""  # step 3 is waste, but of which kind?
    for language, message in (("en", "Step 3 is waste: say which kind."),
                              ("lv", "3. solis ir izšķērdība: norādiet tās veidu.")):
        response = client.post(f"/{language}/lean/services/{service.pk}/map/", _post(rows, initial=4))
        html = response.content.decode()
        assert response.status_code == 200 and message in html and 'role="alert"' in html
    assert service.maps.count() == 1
    # A number that is not a number stays on its own field.
    rows[0]["processing_minutes"] = "ten"
    html = client.post(f"/en/lean/services/{service.pk}/map/", _post(rows, initial=4)).content.decode()
    assert 'aria-describedby="id_steps-0-processing_minutes_error"' in html and service.maps.count() == 1


def test_the_first_map_of_a_service_is_recorded_on_the_same_page(client):
    own = factories.organisation()
    service = _service(own)
    client.force_login(lean_team_member(own))
    assert "Record the first map" in client.get(f"/en/lean/services/{service.pk}/").content.decode()
    html = client.get(f"/en/lean/services/{service.pk}/map/").content.decode()
    assert "Record the first map" in html and "Step 5 (new)" in html and "Step 1:" not in html
    rows = [{"name_en": "receive", "processing_minutes": 10, "value_class": "value_adding"},
            {"name_en": "check", "processing_minutes": 15, "waiting_minutes": 60, "value_class": "necessary",
             "handoff": True, "rework_to": 1}]
    response = client.post(f"/en/lean/services/{service.pk}/map/", _post(rows, initial=0, extra=3))
    assert response.status_code == 302
    first = service.maps.get()
    assert first.version == 1 and [s.name_en for s in first.steps.order_by("position")] == ["receive", "check"]
    assert first.steps.get(position=2).handoff and first.steps.get(position=2).rework_to.position == 1


def test_a_map_without_steps_is_refused(client):
    team, service = _team_and_service()
    client.force_login(team)
    rows = [{**row, "DELETE": True} for row in _current_rows(service)]
    html = client.post(f"/en/lean/services/{service.pk}/map/", _post(rows, initial=4)).content.decode()
    assert "A map needs at least one step." in html and service.maps.count() == 1


def test_the_add_rows_button_adds_empty_steps_and_saves_nothing(client):
    team, service = _team_and_service()
    client.force_login(team)
    data = _post(_current_rows(service), initial=4, extra=3)
    data["add_rows"] = "1"
    html = client.post(f"/en/lean/services/{service.pk}/map/", data).content.decode()
    assert "Step 10 (new)" in html and 'name="steps-TOTAL_FORMS" value="10"' in html
    assert service.maps.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_team_opens_the_map_editor(client, method):
    _team, service = _team_and_service()
    url = f"/en/lean/services/{service.pk}/map/"
    data = _post(_current_rows(service), initial=4) if method == "post" else None
    assert getattr(client, method)(url, data).status_code == 403  # not logged in
    client.force_login(lean_team_member(factories.organisation()))  # another municipality's team
    assert getattr(client, method)(url, data).status_code == 403
    assert service.maps.count() == 1
    assert "Edit the map" not in client.get(f"/en/lean/services/{service.pk}/").content.decode()
