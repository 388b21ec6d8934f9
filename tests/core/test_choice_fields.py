"""The quick country choice (kopa.core.choice_fields) writes what Django's own select and ModelChoiceField write:
the same options, labels in the reader's language, the chosen one selected, and it checks the value as before."""

import re

import pytest
from django import forms
from django.utils import translation

from kopa.core.choice_fields import ListedSelect, TranslatedNameChoiceField
from kopa.directory.models import Country

pytestmark = pytest.mark.django_db


def _options(html: str) -> list[tuple]:
    return [(value, "selected" in attrs, label)
            for value, attrs, label in re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', html)]


class _Both(forms.Form):
    django = forms.ModelChoiceField(queryset=Country.objects.order_by("code"), to_field_name="code", required=False,
                                    empty_label="visas")
    quick = TranslatedNameChoiceField(queryset=Country.objects.order_by("code"), to_field_name="code",
                                      required=False, empty_label="visas")


@pytest.mark.parametrize("language", ["lv", "lt", "en"])
def test_the_options_are_djangos_in_the_readers_language_with_the_chosen_one_selected(demo, language):
    Country.objects.create(code="XK", name_lv="", name_lt="", name_en="Kosovo")  # only in English: the fallback
    with translation.override(language):
        form = _Both({"django": "LT", "quick": "LT"})
        django, quick = _options(str(form["django"])), _options(str(form["quick"]))
    assert quick == django and len(quick) == Country.objects.count() + 1
    assert ("LT", True, {"lv": "Lietuva", "lt": "Lietuva", "en": "Lithuania"}[language]) in quick
    assert ("XK", False, "Kosovo") in quick
    assert form.is_valid() and form.cleaned_data["quick"] == Country.objects.get(code="LT")


def test_an_unknown_value_is_refused_as_by_djangos_field(demo):
    form = _Both({"quick": "ZZ"})
    assert not form.is_valid() and "quick" in form.errors


def test_the_listed_select_escapes_and_marks_attributes_as_djangos_template():
    choices = [("", "—"), ("a&b", "<Rīga>"), ("c", "Cēsis")]
    ours = ListedSelect(choices=choices, attrs={"required": True, "disabled": False, "id": "x"}).render("n", "a&b")
    djangos = forms.Select(choices=choices, attrs={"required": True, "disabled": False, "id": "x"}).render("n", "a&b")
    assert _options(ours) == _options(djangos) == [("", False, "—"), ("a&amp;b", True, "&lt;Rīga&gt;"),
                                                    ("c", False, "Cēsis")]
    assert sorted(re.search(r"<select ([^>]*)>", ours).group(1).split()) == sorted(
        re.search(r"<select ([^>]*)>", djangos).group(1).split())
