from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Country, Municipality, Organisation, Region


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                     empty_label=_("all countries"), to_field_name="code")
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False,
                                    empty_label=_("all regions"), to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("all kinds")), *Municipality.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("current and former")), ("current", _("current")), ("former", _("former (before a reform)"))])


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                     empty_label=_("all countries"), to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("all kinds")), *Organisation.Kind.choices])


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name_lv", "name_lt", "name_en", "short_name", "website",
                  "description_lv", "description_lt", "description_en"]

    def _post_clean(self):
        pass
