"""Forms for what a coordinator adds to a project in its own pages: a partner, a work plan item, an output
indicator. Each hands its values to the service of the same name (projects.services), which checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kopa.core.money import Currency
from kopa.core.pickers import use_pickers
from kopa.core.translated import in_language_order
from kopa.directory.models import Organisation

from .forms import DateInput
from .models import ActivityKind, OutputIndicator, Partnership

LANGUAGES = (("lv", _("Latvian")), ("lt", _("Lithuanian")), ("en", _("English")))


def _translated(fields: dict, name: str, label, max_length: int) -> None:
    for code, language in LANGUAGES:
        fields[f"{name}_{code}"] = forms.CharField(
            label=f"{label} ({language})", max_length=max_length, required=False,
            widget=forms.TextInput(attrs={"lang": code}))


class PartnerForm(forms.Form):
    """A partner as the project card names it: the organisation, its role and, where stated, its own part."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role in the project"), choices=Partnership.Role.choices,
                             initial=Partnership.Role.PARTNER)
    budget_amount = forms.DecimalField(label=_("Partner's budget"), max_digits=14, decimal_places=2, required=False)
    budget_currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.EUR)
    budget_share = forms.DecimalField(label=_("Share of the project stated (%)"), max_digits=6, decimal_places=3,
                                      required=False)
    agreement_number = forms.CharField(label=_("Agreement number"), max_length=100, required=False)
    agreement_date = forms.DateField(label=_("Agreement date"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "organisation")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["agreement_number"] = data.get("agreement_number") or ""
        return {key: value for key, value in data.items() if value is not None}


class WorkPlanItemForm(forms.Form):
    activity_kind = forms.ChoiceField(label=_("Kind of activity"), choices=ActivityKind.choices)
    planned_count = forms.IntegerField(label=_("Planned number"), min_value=0, required=False)
    target_participants = forms.IntegerField(label=_("Target participants"), min_value=0, required=False)
    start_date = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        titles: dict = {}
        _translated(titles, "title", _("Title"), 300)
        self.fields = {**titles, **self.fields}

    def service_kwargs(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class IndicatorForm(forms.Form):
    rule = forms.ChoiceField(label=_("Counted as"), choices=OutputIndicator.Rule.choices)
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2, min_value=0)
    activity_kind = forms.ChoiceField(label=_("Only activities of this kind"), required=False,
                                      choices=[("", _("every kind")), *ActivityKind.choices])
    as_reported = forms.BooleanField(label=_("Also count the numbers of participants reported where nobody was "
                                             "registered by name"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        texts: dict = {}
        _translated(texts, "name", _("Name"), 300)
        _translated(texts, "unit", _("Unit"), 60)
        self.fields = {**texts, **self.fields}

    def service_kwargs(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}
