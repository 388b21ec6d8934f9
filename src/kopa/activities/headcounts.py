"""How a reported number of people reads, everywhere it is shown (pages, API, exports, drafted articles)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kopa.core.templatetags.kopa import number

from .models import Headcount

_PARTICIPANTS = {
    Headcount.Qualifier.EXACTLY: lambda n: ngettext("%(n)s participant", "%(n)s participants", n),
    Headcount.Qualifier.ABOUT: lambda n: ngettext("about %(n)s participant", "about %(n)s participants", n),
    Headcount.Qualifier.MORE_THAN: lambda n: ngettext("more than %(n)s participant", "more than %(n)s participants",
                                                      n),
    Headcount.Qualifier.ALMOST: lambda n: ngettext("almost %(n)s participant", "almost %(n)s participants", n),
    Headcount.Qualifier.UP_TO: lambda n: ngettext("up to %(n)s participant", "up to %(n)s participants", n),
}
_INVITED = {
    Headcount.Qualifier.EXACTLY: lambda n: ngettext("%(n)s invited", "%(n)s invited", n),
    Headcount.Qualifier.ABOUT: lambda n: ngettext("about %(n)s invited", "about %(n)s invited", n),
    Headcount.Qualifier.MORE_THAN: lambda n: ngettext("more than %(n)s invited", "more than %(n)s invited", n),
    Headcount.Qualifier.ALMOST: lambda n: ngettext("almost %(n)s invited", "almost %(n)s invited", n),
    Headcount.Qualifier.UP_TO: lambda n: ngettext("up to %(n)s invited", "up to %(n)s invited", n),
}


def headcount_text(headcount: Headcount) -> str:
    """ "more than 40 participants (as reported by the organiser's press release)" in the active language."""
    forms = _INVITED if headcount.counts == Headcount.Counts.INVITED else _PARTICIPANTS
    text = forms[headcount.qualifier](headcount.value) % {"n": number(headcount.value)}
    if headcount.source:
        text += " (" + _("as reported: %(source)s") % {"source": headcount.source} + ")"
    else:
        text += " (" + _("as reported") + ")"
    return text
