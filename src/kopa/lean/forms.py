from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from kopa.core.files import MaxSizeValidator
from kopa.directory.models import Country

from .models import Improvement, ProcessStep, ServiceType


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Service or institution"), required=False)
    service_type = forms.ModelChoiceField(label=_("Service type"), queryset=ServiceType.objects.all(),
                                          required=False, empty_label=_("all service types"), to_field_name="code")
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                     empty_label=_("all countries"), to_field_name="code")


class UploadForm(forms.Form):
    name = forms.CharField(label=_("Name of the measurement"), max_length=200)
    file = forms.FileField(
        label=_("Event log (CSV: case_id, activity, timestamp; optional resource, department — or XES)"),
        validators=[FileExtensionValidator(["csv", "txt", "xes"]), MaxSizeValidator(50)],
    )


class ImprovementForm(forms.Form):
    step = forms.ModelChoiceField(label=_("Step"), queryset=ProcessStep.objects.none())
    kind = forms.ChoiceField(label=_("What to do"), choices=Improvement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    expected_effect = forms.CharField(label=_("Expected effect"), required=False, widget=forms.Textarea)

    def __init__(self, *args, steps=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps if steps is not None else ProcessStep.objects.none()
