"""Every kind of activity and its name, in one place: the built-in kinds (`ActivityKind`, translated in the code)
and those coordinators added (`AddedKind`, named in the database) because the list grows with the texts ("a
hackathon", "a study tour by boat"). Pages, forms, the API, exports and PDFs all ask `label`/`choices` here.

Added kinds are few and rarely change, so they are read once per request (one query, only when a page shows or
offers a kind that is not built in) and forgotten when a request starts or a kind is saved: the number of
queries of a page never depends on how many activities it lists.
"""

from django.core.signals import request_started
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kopa.core.review import Reviewable
from kopa.projects.models import ActivityKind


class AddedKind(Reviewable):
    # What Activity.kind stores; never one of the built-in codes.
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("added kind of activity")
        verbose_name_plural = _("added kinds of activity")
        ordering = ["code"]

    def __str__(self):
        return self.name


LANGUAGES = ("lv", "lt", "en")
_memory: dict = {"kinds": None}


@receiver(request_started)
def _forget(**kwargs):
    _memory["kinds"] = None


@receiver(post_save, sender=AddedKind)
@receiver(post_delete, sender=AddedKind)
def _forget_on_change(**kwargs):
    _memory["kinds"] = None


def added_kinds(*, fresh: bool = False) -> dict[str, AddedKind]:
    if fresh or _memory["kinds"] is None:
        _memory["kinds"] = {k.code: k for k in AddedKind.objects.select_related("added_by").order_by("code")}
    return _memory["kinds"]


def name_in(kind: AddedKind, language: str) -> tuple[str, str]:
    """The kind's name in `language`, or in the first language it has one in, with that language."""
    for code in (language, *LANGUAGES):
        name = getattr(kind, f"name_{code}", "") or ""
        if name:
            return name, code
    return kind.code, language


def label(code: str) -> str:
    """"seminar" → "seminārs"; an added kind by its name; an unknown code as it is (never an error on a page)."""
    if not code:
        return ""
    if code in ActivityKind.values:
        return str(ActivityKind(code).label)
    kinds = added_kinds()
    if code not in kinds:
        kinds = added_kinds(fresh=True)  # added by another process since this request began
    kind = kinds.get(code)
    return name_in(kind, (translation.get_language() or "lv")[:2])[0] if kind else code


def is_known(code: str) -> bool:
    return code in ActivityKind.values or code in added_kinds(fresh=True)


def choices() -> list[tuple[str, str]]:
    """Every kind, built-in first, for forms and filters."""
    language = (translation.get_language() or "lv")[:2]
    added = [(code, name_in(kind, language)[0]) for code, kind in added_kinds().items()]
    return [*ActivityKind.choices, *sorted(added, key=lambda c: c[1].casefold())]


def all_names(code: str) -> list[str]:
    """A kind's names in every language (for duplicate checks)."""
    if code in ActivityKind.values:
        names = []
        for language in LANGUAGES:
            with translation.override(language):
                names.append(str(ActivityKind(code).label))
        return names
    kind = added_kinds().get(code)
    return [getattr(kind, f"name_{c}") for c in LANGUAGES if kind and getattr(kind, f"name_{c}")]
