"""What a coordinator types; the services decide whether it may be saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kopa.core.choice_fields import TranslatedNameChoiceField
from kopa.core.dates import DatePrecision
from kopa.core.money import FLOATING_CHOICES, Currency
from kopa.core.names import VariantKind
from kopa.core.pickers import use_pickers
from kopa.core.translated import in_language_order
from kopa.directory.models import Country, Organisation
from kopa.topics.forms import TopicFilterField
from kopa.topics.models import Topic
from kopa.topics.queries import topics_for_choice

from .models import Fund, Output, Programme, ProgrammeBody, Project, ReportedAchievement


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all(), required=False,
                                       empty_label=_("all programmes"))
    country = TranslatedNameChoiceField(label=_("Partner country"), queryset=Country.objects.all(), required=False,
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


def _topics_field():
    return forms.ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.none(), required=False)


class PartnerFactsForm(forms.Form):
    """A partner's own part of the project, as its agreement or the project card states it."""

    budget_amount = forms.DecimalField(label=_("Partner's budget"), max_digits=14, decimal_places=2, required=False)
    budget_currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.EUR)
    budget_share = forms.DecimalField(label=_("Share of the project stated (%)"), max_digits=6, decimal_places=3,
                                      required=False)
    agreement_number = forms.CharField(label=_("Agreement number"), max_length=100, required=False)
    agreement_date = forms.DateField(label=_("Agreement date"), required=False, widget=DateInput())

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["agreement_number"] = data.get("agreement_number") or ""
        return data


OUTPUT_PRECISIONS = [(p.value, p.label) for p in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR,
                                                  DatePrecision.UNKNOWN)]


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of output"), choices=Output.Kind.choices)
    title_lv = forms.CharField(label=_("Title (Latvian)"), max_length=500, required=False)
    title_lt = forms.CharField(label=_("Title (Lithuanian)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False)
    description_lv = forms.CharField(label=_("Description (Latvian)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    date_precision = forms.ChoiceField(label=_("Date stated as"), choices=OUTPUT_PRECISIONS,
                                       initial=DatePrecision.DAY)
    start_date = forms.DateField(label=_("Date"), required=False, widget=DateInput(),
                                 help_text=_("For a month, any day in it."))
    year_from = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False,
                                   help_text=_("For a date stated as a year only."))
    link_url = forms.URLField(label=_("Address where it is published"), max_length=1000, required=False)
    link_title = forms.CharField(label=_("Title of the link"), max_length=300, required=False)
    file = forms.FileField(label=_("File"), required=False)
    topics = _topics_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics_for_choice(Topic.objects.all())

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        link_url, link_title, upload = data.pop("link_url"), data.pop("link_title"), data.pop("file")
        data["links"] = [(link_url, link_title)] if link_url else []
        data["files"] = [(upload, upload.name)] if upload else []
        if data["date_precision"] in (DatePrecision.YEAR, DatePrecision.UNKNOWN):
            data.pop("start_date")
        else:
            data.pop("year_from")
        return {k: v for k, v in data.items() if v is not None}


class AchievementForm(forms.Form):
    qualifier = forms.ChoiceField(label=_("Qualifier"), choices=ReportedAchievement.Qualifier.choices,
                                  initial=ReportedAchievement.Qualifier.EXACTLY)
    value = forms.IntegerField(label=_("Number"), min_value=0, required=False)
    what_lv = forms.CharField(label=_("What was achieved (Latvian)"), max_length=300, required=False,
                              help_text=_("E.g. “specialists reached”."))
    what_en = forms.CharField(label=_("What was achieved (English)"), max_length=300, required=False)
    text_lv = forms.CharField(label=_("As the source states it"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(label=_("Source"), max_length=500, required=False)
    reported_on = forms.DateField(label=_("Reported on"), required=False, widget=DateInput())

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class AliasForm(forms.Form):
    name = forms.CharField(label=_("Name variant"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of variant"), choices=VariantKind.choices, initial=VariantKind.SPELLING)
    note = forms.CharField(label=_("Note"), max_length=300, required=False,
                           help_text=_("Where the form was found, or when a former name was used."))

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class ProgrammeFactsForm(forms.Form):
    description_lv = forms.CharField(label=_("Description (Latvian)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    description_lt = forms.CharField(label=_("Description (Lithuanian)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    description_en = forms.CharField(label=_("Description (English)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    website = forms.URLField(label=_("Website"), required=False)
    start_year = forms.IntegerField(label=_("First year"), min_value=1950, max_value=2100, required=False)
    end_year = forms.IntegerField(label=_("Last year"), min_value=1950, max_value=2100, required=False)
    donors = forms.ModelMultipleChoiceField(label=_("Donors"), queryset=Organisation.objects.none(), required=False,
                                            help_text=_("The organisations or states that give the money."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donors"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "donors")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"descriptions": {lang: data.get(f"description_{lang}") or "" for lang in ("lv", "lt", "en")},
                "website": data.get("website") or "", "start_year": data.get("start_year"),
                "end_year": data.get("end_year"), "donors": data.get("donors")}


class PriorityForm(forms.Form):
    code = forms.CharField(label=_("Number"), max_length=20, required=False)
    title_lv = forms.CharField(label=_("Title (Latvian)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"code": data.get("code") or "", "titles": {"lv": data.get("title_lv") or "",
                                                           "en": data.get("title_en") or ""}}


class CallForm(forms.Form):
    title_lv = forms.CharField(label=_("Title (Latvian)"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False)
    start_date = forms.DateField(label=_("Opens"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Closes"), required=False, widget=DateInput())
    amount = forms.DecimalField(label=_("Amount available"), max_digits=16, decimal_places=2, required=False)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.EUR)
    url = forms.URLField(label=_("Address"), max_length=1000, required=False)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["titles"] = {"lv": data.pop("title_lv") or "", "en": data.pop("title_en") or ""}
        data["url"] = data.get("url") or ""
        return data


class AllocationForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.EUR)
    fund = forms.ModelChoiceField(label=_("Fund"), queryset=Fund.objects.all(), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False,
                           help_text=_("E.g. EU co-financing, national co-financing."))

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["note"] = data.get("note") or ""
        return data


class BodyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=ProgrammeBody.Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "organisation")

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class ReportingPeriodForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, required=False,
                                help_text=_("Leave empty for the next number."))
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    end_date = forms.DateField(label=_("End"), widget=DateInput())
    report_due = forms.DateField(label=_("Report due"), required=False, widget=DateInput())

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
