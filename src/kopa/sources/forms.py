from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import DatePrecision

from .models import Citation, Source

# The precisions a publication date is given in on the page (a web page shows a day, a month or a year).
PUBLISHED_PRECISIONS = [
    (DatePrecision.UNKNOWN, _("not stated")),
    (DatePrecision.DAY, _("exact day")),
    (DatePrecision.MONTH, _("month and year")),
    (DatePrecision.YEAR, _("year only")),
]


def citable_fields(model) -> list[tuple[str, str]]:
    """The record's fields a source may be cited for, by the names readers see; the per-language columns of a
    translated field are left out (the source is cited for the title, not for its Latvian column)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = {f.name for f in fields}
    suffixes = tuple(f"_{code}" for code in settings.MODELTRANSLATION_LANGUAGES)
    choices = []
    for f in fields:
        base = f.name.rsplit("_", 1)[0]
        if f.name.endswith(suffixes) and base in names:
            continue
        choices.append((f.name, str(f.verbose_name)))
    return choices


class CiteForm(forms.Form):
    """A source described and cited at once; the rules (an address, a title, a language code, lengths) are the
    service's, shown on the fields they concern. An address already recorded cites that source."""

    url = forms.CharField(label=_("Address"), required=False, max_length=Source._meta.get_field("url").max_length,
                          widget=forms.URLInput(attrs={"autocomplete": "url"}),
                          help_text=_("If a source with this address is recorded already, that source is cited."))
    title = forms.CharField(label=_("Title"), max_length=Source._meta.get_field("title").max_length,
                            help_text=_("As the source itself is titled, in its own language."))
    publisher = forms.CharField(label=_("Publisher"), required=False,
                                max_length=Source._meta.get_field("publisher").max_length)
    language = forms.CharField(label=_("Language of the source"), required=False, max_length=3,
                               widget=forms.TextInput(attrs={"size": 4, "autocomplete": "off"}),
                               help_text=_("A two- or three-letter code: lv, lt, en, de, pl …"))
    date_precision = forms.ChoiceField(label=_("Publication date known as"), choices=PUBLISHED_PRECISIONS,
                                       initial=DatePrecision.UNKNOWN)
    start_date = forms.DateField(label=_("Publication date"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("For a month only, any day of that month."))
    year_from = forms.IntegerField(label=_("Year of publication"), required=False, min_value=1900, max_value=2100)
    field = forms.ChoiceField(label=_("Cited for"), required=False)
    locator = forms.CharField(label=_("Place in the source"), required=False,
                              max_length=Citation._meta.get_field("locator").max_length,
                              help_text=_("For example “p. 3” or “second paragraph”."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("the record as a whole")), *citable_fields(type(record))]

    def arguments(self) -> dict:
        """What the service add_and_cite takes."""
        data = dict(self.cleaned_data)
        return {**data, "language": data["language"].strip().lower()}
