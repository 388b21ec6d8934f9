"""One rule decides when two names may be one entry: case, diacritics, punctuation, abbreviations and
inflected forms do not matter; names sharing only their generic words stay apart."""

import pytest

from kopa.core.names import is_similar, name_key, search_stem


def test_key_ignores_case_diacritics_and_punctuation():
    assert name_key("  UTENOS rajono, savivaldybė ") == "utenos rajono savivaldybe"
    assert name_key("Łódź") == name_key("Lodz") == "lodz"


@pytest.mark.parametrize("other", ["UTENOS RAJONO SAVIVALDYBE", "Utenos raj. sav.", "Utenos rajono savivaldybei"])
def test_spellings_abbreviations_and_inflected_forms_are_similar(other):
    assert is_similar("Utenos rajono savivaldybė", other)


@pytest.mark.parametrize("other", ["Ukmergės rajono savivaldybė", "Utenos", ""])
def test_names_sharing_only_generic_words_are_not_similar(other):
    assert not is_similar("Utenos rajono savivaldybė", other)


def test_search_stem_is_the_longest_words_start():
    assert search_stem("Utenos rajono savivaldybė") == "savi"
