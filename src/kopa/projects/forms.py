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
            "agreement_number", "programme", "start_date", "end_date", "status", "total_amount", "total_currency",
            "topics",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A title in any one language is enough; the service checks that there is one.
        self.fields["title_lv"].required = False
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
