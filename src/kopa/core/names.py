"""Names as sources write them: one main name, its variants, and one way of telling that two names may be one.

Texts write the same body as "Utenos rajono savivaldybė", "UTENOS RAJONO SAVIVALDYBE", "Utenos raj. sav." or in
an inflected form ("Utenos rajono savivaldybei"). The main name stays as the record's own; each other form is a
`NameVariant` (kept, never overwritten), and search and duplicate warnings compare `name_key`s and word stems, so
one rule decides everywhere what "the same or a similar name" means.
"""

import difflib
import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

# Letters NFKD does not split into a base letter and a mark.
_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Stems this long match inflected and abbreviated forms ("rajono"/"raj.", "Utenos"/"Utena") without matching
# unrelated words; shorter words must be equal.
STEM = 4
# Two names at least this similar are shown as a likely duplicate.
SIMILAR = 0.8


def name_key(text: str) -> str:
    """Lower case, no diacritics, no punctuation, single spaces: the form names are compared and indexed in."""
    text = unicodedata.normalize("NFKD", (text or "").casefold().translate(_EXTRA))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text).replace("_", " ").split())


def words(text: str) -> list[str]:
    return name_key(text).split()


def _word_matches(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    # An abbreviation ("raj") or an inflected form sharing the stem ("uten-os", "uten-a") …
    if len(short) >= 3 and long.startswith(short[:STEM] if len(short) >= STEM else short):
        return True
    # … or a typo ("Utneos").
    return len(short) >= STEM and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def similarity(a: str, b: str) -> float:
    """0 … 1: the share of words (in any order) two names have in common, a word matching its abbreviation, its
    inflected forms and its misspellings. Words alone decide, so names sharing only their generic part
    ("… rajono savivaldybė") stay apart."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    matched = sum(1 for w in wa if any(_word_matches(w, v) for v in wb))
    return min(1.0, matched / max(len(wa), len(wb)))


def is_similar(a: str, b: str) -> bool:
    return similarity(a, b) >= SIMILAR


def search_stem(text: str) -> str:
    """The longest word's stem: a database prefilter (`key__contains`) before `similarity` ranks candidates."""
    longest = max(words(text), key=len, default="")
    return longest[:STEM] if len(longest) >= STEM else longest


class VariantKind(models.TextChoices):
    SPELLING = "spelling", _("other spelling")
    INFLECTED = "inflected", _("inflected form")
    TRANSLITERATION = "transliteration", _("transliteration")
    TRANSLATION = "translation", _("translation")
    ABBREVIATION = "abbreviation", _("abbreviation or acronym")
    OLD_NAME = "old_name", _("former name")
    AS_WRITTEN = "as_written", _("as written in a source")


class NameVariant(models.Model):
    """Another form of a record's name; each app's concrete model adds the foreign key to its record."""

    name = models.CharField(_("name variant"), max_length=300)
    # name_key(name), kept so search and duplicate checks use an index.
    key = models.CharField(max_length=300, db_index=True, editable=False)
    kind = models.CharField(_("kind of variant"), max_length=20, choices=VariantKind.choices,
                            default=VariantKind.SPELLING)
    language = models.CharField(_("language"), max_length=8, blank=True)
    # Where the form was found ("article of 14 October 2019"), or when a former name was used.
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        super().save(*args, **kwargs)
