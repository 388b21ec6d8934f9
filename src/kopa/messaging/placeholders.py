"""Placeholders in message templates: `{name}`. Only the names a kind of message offers are accepted, checked
when a template is saved; filling them in is plain substitution (no attribute access, no format specs), so a
template can never reach into Kopā's objects."""

import re

from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def unknown(text: str, allowed) -> list[str]:
    return sorted({name for name in _PLACEHOLDER.findall(text) if name not in allowed})


def check(text: str, allowed, *, field: str) -> None:
    wrong = unknown(text, allowed)
    if wrong:
        raise DomainError(
            _("Unknown placeholder %(wrong)s. You may use: %(allowed)s.") % {
                "wrong": ", ".join("{" + name + "}" for name in wrong),
                "allowed": ", ".join("{" + name + "}" for name in allowed)},
            field=field, code="placeholder")


def fill(text: str, values: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def one_line(text: str) -> str:
    """A header value (a subject, a name) from text people wrote: line breaks cannot start a header of their own."""
    return " ".join(str(text).split())
