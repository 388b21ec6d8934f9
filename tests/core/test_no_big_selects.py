"""No form lists a table that grows with Europe: every form class of every forms module, made as its view makes
it over the demo grown to hundreds of municipalities, organisations, projects, people and activities, renders no
`<select>` of more than a few dozen options (those are pickers: tests/core/test_pickers.py)."""

import inspect
import re
from importlib import import_module

import pytest
from django import forms
from django.contrib.auth import get_user_model

from tests import grown_demo

MODULES = [
    "kopa.accounts.forms", "kopa.activities.forms", "kopa.activities.registration_forms",
    "kopa.activities.section_forms", "kopa.directory.forms", "kopa.lean.forms",
    "kopa.projects.copy_forms", "kopa.projects.forms", "kopa.projects.plan_forms", "kopa.publications.forms",
    "kopa.publications.site", "kopa.sources.forms", "kopa.surveys.forms", "kopa.topics.forms",
]
MOST_OPTIONS = 60  # countries, kinds, topics, languages: small fixed lists stay drop-downs
SCALE = 0.004  # ~360 municipalities, 190 organisations, 80 projects, 800 activities, 1,600 people
# Forms whose drop-down the views never show whole, and why.
BOUNDED = {
    "kopa.activities.forms.RegisterPersonForm": "only the base of RegisterFoundForm, which offers the people "
                                                "matching a typed name (at most 20 at once)",
}
OPTION = re.compile(r"<option\b")
SELECT = re.compile(r"<select\b[^>]*\bname=\"([^\"]+)\"[^>]*>(.*?)</select>", re.S)


@pytest.fixture
def grown(demo):
    objects = grown_demo.objects()
    grown_demo.grow(objects, scale=SCALE)
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
    return name == "country" or getattr(getattr(field, "queryset", None), "model", None) in (Country,)


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
        try:
            form = _make(form_class, arguments)
        except TypeError:  # a form the views make with something this test has not (a record, a formset's row)
            continue
        made.append(name)
        selects = big_selects(form, form.render() if hasattr(form, "render") else str(form))
        if selects:
            found[name] = selects
    assert len(made) > 40, made
    assert found == {}, "\n".join(f"{name}: {selects}" for name, selects in found.items())
