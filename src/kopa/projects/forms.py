"""What a coordinator types; the services decide whether it may be saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kopa.core.money import FLOATING_CHOICES, Currency
from kopa.directory.models import Country
from kopa.topics.forms import TopicFilterField
from kopa.topics.models import Topic
from kopa.topics.queries import topics_for_choice

from .models import Fund, Programme, Project


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all(), required=False,
                                       empty_label=_("all programmes"))
    country = forms.ModelChoiceField(label=_("Partner country"), queryset=Country.objects.all(), required=False,
                                     empty_label=_("all countries"), to_field_name="code")
    date_from = forms.DateField(label=_("Active from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Active until"), required=False, widget=DateInput())
    topic = TopicFilterField()


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "code", "acronym", "title_lv", "title_lt", "title_en", "objective_lv", "objective_lt", "objective_en",
            "agreement_number", "programme", "start_date", "start_precision", "end_date", "end_precision",
            "duration_months", "associated_count_stated", "status", "total_amount", "total_currency", "topics",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {
            "start_precision": _("A start stated as a month or a year: give any day in it."),
            "end_precision": _("An end stated as a month or a year: give any day in it."),
            "code": _("Leave empty when the text gives no code."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A title in any one language is enough; the service checks that there is one.
        self.fields["title_lv"].required = False
        self.fields["code"].required = False
        self.fields["programme"].required = False
        self.fields["programme"].empty_label = _("not stated")
        for name in ("start_precision", "end_precision"):  # empty: to the day
            self.fields[name].required = False
        self.fields["topics"].queryset = topics_for_choice(Topic.objects.all())

    def _post_clean(self):
        # Skip the model's own full_clean: the service checks the rules and raises one clear message.
        pass


class FundingShareForm(forms.Form):
    fund = forms.ModelChoiceField(label=_("Fund"), queryset=Fund.objects.all())
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0, required=False)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.EUR)
    percentage = forms.DecimalField(label=_("Share stated (%)"), max_digits=6, decimal_places=3, min_value=0,
                                    max_value=100, required=False)


class ExchangeRateForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=FLOATING_CHOICES)
    date = forms.DateField(label=_("Date of the rate"), widget=DateInput())
    rate = forms.DecimalField(label=_("Units per euro"), max_digits=18, decimal_places=6,
                              help_text=_("How many units of the currency one euro buys, e.g. 11.56 for NOK."))
    source = forms.CharField(label=_("Source of the rate"), max_length=300,
                             help_text=_("E.g. the ECB reference rate, Norges Bank, the project's financial report."))


class NewProjectForm(ProjectForm):
    """Starting a project: its facts, other names it is known by, and the answer to a duplicate warning."""

    aliases = forms.CharField(label=_("Other names or spellings"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}), help_text=_("One a line, e.g. the title as a news text writes it."))
    confirm_new = forms.BooleanField(label=_("None of these: it is a new project"), required=False)

    class Meta(ProjectForm.Meta):
        fields = [f for f in ProjectForm.Meta.fields if f != "status"]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["aliases"] = [line.strip() for line in (data.get("aliases") or "").splitlines() if line.strip()]
        return data


class NewProgrammeForm(forms.Form):
    name_lv = forms.CharField(label=_("Name (Latvian)"), max_length=300, required=False)
    name_lt = forms.CharField(label=_("Name (Lithuanian)"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    code = forms.SlugField(label=_("Code"), max_length=60, required=False,
                           help_text=_("A short code in Latin letters; made from the name when left empty."))
    start_year = forms.IntegerField(label=_("First year"), min_value=1950, max_value=2100, required=False)
    end_year = forms.IntegerField(label=_("Last year"), min_value=1950, max_value=2100, required=False)
    website = forms.URLField(label=_("Website"), required=False)
    description_lv = forms.CharField(label=_("Description (Latvian)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    aliases = forms.CharField(label=_("Other names or spellings"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One a line."))
    confirm_new = forms.BooleanField(label=_("None of these: it is a new programme"), required=False)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "names": {lang: data.get(f"name_{lang}") or "" for lang in ("lv", "lt", "en")},
            "code": data.get("code") or "", "start_year": data.get("start_year"), "end_year": data.get("end_year"),
            "website": data.get("website") or "", "descriptions": {"lv": data.get("description_lv") or ""},
            "aliases": [line.strip() for line in (data.get("aliases") or "").splitlines() if line.strip()],
            "confirm_new": data.get("confirm_new") or False,
        }


class NewFundForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("ERDF, ESF, NFM …"))
    name_lv = forms.CharField(label=_("Name (Latvian)"), max_length=200, required=False)
    name_lt = forms.CharField(label=_("Name (Lithuanian)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    confirm_new = forms.BooleanField(label=_("None of these: it is a new fund"), required=False)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"code": data["code"], "names": {lang: data.get(f"name_{lang}") or "" for lang in ("lv", "lt", "en")},
                "confirm_new": data.get("confirm_new") or False}
