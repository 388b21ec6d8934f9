"""No form lists a table that grows with Europe: every form class of every forms module, made as its view makes
it over the demo grown to hundreds of municipalities, organisations, projects, people and activities, renders no
`<select>` of more than a few dozen options (those are pickers: tests/core/test_pickers.py)."""

import inspect
import re
from importlib import import_module

import pytest
from django import forms
from django.contrib.auth import get_user_model

from tests import factories, grown_demo

MODULES = [
    "kopa.accounts.forms", "kopa.activities.forms", "kopa.activities.registration_forms", "kopa.audit.list_filters",
    "kopa.activities.section_forms", "kopa.directory.forms", "kopa.lean.forms",
    "kopa.projects.copy_forms", "kopa.projects.forms", "kopa.projects.plan_forms", "kopa.publications.forms",
    "kopa.publications.site", "kopa.sources.forms", "kopa.surveys.forms", "kopa.topics.forms",
    # forms made in views
    "kopa.activities.cancel_views", "kopa.messaging.template_views", "kopa.messaging.views",
]
MOST_OPTIONS = 60  # countries, kinds, topics, languages: small fixed lists stay drop-downs
SCALE = 0.004  # ~360 municipalities, 190 organisations, 80 projects, 800 activities, 1,600 people
# Forms whose drop-down the views never show whole, and why.
BOUNDED = {
    "kopa.activities.registration_forms.BulkActionForm": "the list page ticks the rows it shows (a page of 50), one "
                                                         "checkbox each, not the field's own widget",
    "kopa.activities.forms.RegisterPersonForm": "only the base of RegisterFoundForm, which offers the people "
                                                "matching a typed name (at most 20 at once)",
}
# Drop-downs of fixed lists that do not grow with the directory (beside the world's countries).
FIXED = {
    "kopa.audit.list_filters.HistoryFilter.model": "the kinds of record Kopā keeps, some eighty",
}
OPTION = re.compile(r"<option\b")
SELECT = re.compile(r"<select\b[^>]*\bname=\"([^\"]+)\"[^>]*>(.*?)</select>", re.S)


@pytest.fixture
def grown(demo):
    from kopa.activities.models import Registration
    from kopa.directory.models import Position

    objects = grown_demo.objects()
    grown_demo.grow(objects, scale=SCALE)
    # The activity's registrations come from many organisations, as a conference's do: the forms that filter or
    # address them by organisation must not list them all.
    activity = objects["activity"]
    taken = set(activity.registrations.values_list("person_id", flat=True))
    positions = {}
    for position in Position.objects.exclude(person__in=taken).order_by("pk"):
        positions.setdefault(position.organisation_id, position)
    Registration.objects.bulk_create(
        Registration(activity=activity, person_id=p.person_id, organisation_id=p.organisation_id, position=p,
                     status=Registration.Status.CONFIRMED) for p in list(positions.values())[:MOST_OPTIONS + 20])
    assert activity.registrations.values("organisation").distinct().count() > MOST_OPTIONS
    return objects


def _arguments(objects) -> dict:
    """What the views pass the forms, at its largest: everything a coordinator of every project may choose."""
    from kopa.activities.models import Activity
    from kopa.directory.models import Organisation, Person
    from kopa.projects.models import Project

    activity = objects["activity"]
    return {
        "activity": activity, "activities": Activity.objects.all(), "projects": Project.objects.all(),
        "project": objects["project"], "people": Person.objects.all(), "organisations": Organisation.objects.all(),
        "sessions": activity.sessions.all(), "breakouts": activity.breakouts.all(), "questionnaire": objects["survey"],
        "user": get_user_model().objects.get(username="coordinator"), "statements": (), "logs": (), "steps": None,
        "record": activity,
    }


def _form_classes():
    for module_name in MODULES:
        module = import_module(module_name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, forms.BaseForm) and value.__module__ == module_name
                    and not name.startswith("_")):
                yield f"{module_name}.{name}", value


def _make(form_class, arguments):
    wanted = {}
    for parameter in inspect.signature(form_class.__init__).parameters.values():
        if parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD) and parameter.name in arguments:
            wanted[parameter.name] = arguments[parameter.name]
    return form_class(**wanted)


def fixed(form, name: str) -> bool:
    """A drop-down of a fixed list (the world's countries) that does not grow with the directory."""
    from kopa.directory.models import Country

    name = name.removeprefix(f"{form.prefix}-") if form.prefix else name
    field = form.fields.get(name)
    form_class = type(form)
    if name == "country" or f"{form_class.__module__}.{form_class.__name__}.{name}" in FIXED:
        return True
    return getattr(getattr(field, "queryset", None), "model", None) in (Country,)


def big_selects(form, html: str) -> dict:
    return {name: len(OPTION.findall(body)) for name, body in SELECT.findall(html)
            if len(OPTION.findall(body)) > MOST_OPTIONS and not fixed(form, name)}


def test_no_form_lists_a_growing_table(grown, settings):
    from kopa.activities.models import Activity
    from kopa.directory.models import Municipality, Organisation, Person, Position
    from kopa.projects.models import Project

    for model in (Municipality, Organisation, Person, Position, Project, Activity):  # grown indeed
        assert model.objects.count() > MOST_OPTIONS, model
    arguments = _arguments(grown)
    made, found = [], {}
    for name, form_class in _form_classes():
        if name in BOUNDED:
            continue
        form = _make(form_class, arguments)  # a TypeError: a new form wants what _arguments lacks: add it there
        made.append(name)
        selects = big_selects(form, form.render() if hasattr(form, "render") else str(form))
        if selects:
            found[name] = selects
    assert len(made) > 40, made
    assert found == {}, "\n".join(f"{name}: {selects}" for name, selects in found.items())


# Each form that now has a picker still takes what the user picks: "Name [reference]" as the suggestion reads,
# or the entry's number as a select (and the API) sent it; a name outside the form's own choice is refused.

@pytest.fixture
def directory(db):
    from kopa.directory.models import Position
    from kopa.projects.models import Project

    project = factories.project(code="PICKED-1")
    other = factories.project(code="OTHER-1")
    Project.objects.filter(pk=project.pk).update(title_lv="Izvēlētais projekts")
    project.refresh_from_db()
    place = factories.organisation(name="Izvēlētā iestāde")
    person = factories.employee(place, first_name="Anna", last_name="Bērziņa")
    return {"project": project, "other": other, "organisation": place, "person": person,
            "position": Position.objects.get(person=person)}


def _picked(obj) -> str:
    from kopa.core.pickers import label_of

    return label_of(obj)


def test_the_project_pickers_take_the_picked_project_and_refuse_one_outside_their_choice(directory):
    from kopa.activities.forms import ActivityForm, SeriesForm
    from kopa.activities.section_forms import WorkingGroupForm
    from kopa.projects.models import Project
    from kopa.publications.forms import NewArticleForm

    project, other = directory["project"], directory["other"]
    mine = Project.objects.filter(pk=project.pk)
    for form_class, arguments in ((ActivityForm, {"projects": mine}), (SeriesForm, {"projects": mine}),
                                  (WorkingGroupForm, {"projects": mine}), (NewArticleForm, {"projects": mine})):
        for value in (_picked(project), str(project.pk), "PICKED-1", "izvēlētais PROJEKTS"):
            form = form_class({"project": value}, **arguments)
            form.is_valid()
            assert form.cleaned_data.get("project") == project, (form_class, value, form.errors.get("project"))
        form = form_class({"project": _picked(other)}, **arguments)
        assert not form.is_valid() and "project" in form.errors, form_class  # not a project they coordinate
        assert 'data-picker="' in str(form_class(**arguments)["project"])


def test_the_plan_copy_takes_the_picked_project(directory):
    from kopa.activities.models import Activity
    from kopa.projects.copy_forms import PlanCopyForm
    from kopa.projects.models import Project

    project = directory["project"]
    activity = factories.activity(project=directory["other"])
    form = PlanCopyForm({"activities": [activity.pk], "into": _picked(project), "offset": 1, "unit": "years"},
                        activities=Activity.objects.filter(pk=activity.pk),
                        projects=Project.objects.filter(pk=project.pk))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["into"] == project


def test_a_contributor_is_picked_by_position_person_and_organisation(directory):
    from kopa.activities.forms import ContributorForm, PastAttendanceForm

    person, position, place = directory["person"], directory["position"], directory["organisation"]
    form = ContributorForm({"role": "presenter", "position": "Anna Bērziņa", "person": "anna berzina",
                            "organisation": _picked(place)})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["position"], form.cleaned_data["person"], form.cleaned_data["organisation"]) == (
        position, person, place)
    form = PastAttendanceForm({"position": _picked(position), "attended": "yes"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["position"] == position
    # Two positions of one person: her name alone names neither, the suggestion's "[number]" does.
    from kopa.directory import services as directory_services

    directory_services.save_position(person=person, organisation=place, titles={"lv": "Vadītāja"})
    form = PastAttendanceForm({"position": "Anna Bērziņa", "attended": "yes"})
    assert not form.is_valid() and "position" in form.errors


def test_the_people_shown_on_a_photo_and_a_new_colleagues_organisation_are_picked(directory):
    from kopa.activities.forms import PhotoForm
    from kopa.activities.registration_forms import NewColleagueForm
    from kopa.directory.models import Organisation, Person

    person, place = directory["person"], directory["organisation"]
    other = factories.employee(place, first_name="Jānis", last_name="Kalniņš")
    form = PhotoForm({"caption_lv": "Foto", "alt_text_lv": "Cilvēki", "people": f"{_picked(person)}; Jānis Kalniņš"},
                     people=Person.objects.all())
    form.is_valid()
    assert set(form.cleaned_data["people"]) == {person, other}, form.errors
    form = PhotoForm({"people": [str(person.pk), str(other.pk)]}, people=Person.objects.filter(pk=person.pk))
    assert not form.is_valid() and "people" in form.errors  # only the activity's people may be shown
    form = NewColleagueForm({"first_name": "Ilze", "last_name": "Ozola", "organisation": _picked(place),
                             "position_title": "Speciāliste"}, organisations=Organisation.objects.filter(pk=place.pk))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation"] == place


def test_an_activity_saved_with_a_typed_project(directory, client):
    from kopa.activities.models import Activity

    project = directory["project"]
    client.force_login(factories.programme_coordinator(project))
    response = client.post("/en/activities/new/", {
        "kind": "seminar", "title_lv": "Seminārs", "project": _picked(project), "date_precision": "day",
        "start_date": "2026-05-27", "end_date": "2026-05-27", "format": "in_person"})
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get(title_lv="Seminārs")
    assert activity.project == project
    html = client.get(f"/en/activities/{activity.pk}/edit/").content.decode()
    assert f'value="{_picked(project)}"' in html  # shown again as picked
