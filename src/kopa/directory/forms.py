from django import forms
from django.utils.translation import gettext_lazy as _

from kopa.core.choice_fields import TranslatedNameChoiceField
from kopa.core.files import document_validators
from kopa.core.names import VariantKind

from .countries import country_choices
from .models import Country, Municipality, Organisation, Person, Region, Relationship


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False)
    country = TranslatedNameChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                         empty_label=_("all countries"), to_field_name="code")
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False,
                                    empty_label=_("all regions"), to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("all kinds")), *Municipality.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("current and former")), ("current", _("current")), ("former", _("former (before a reform)"))])


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    country = TranslatedNameChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                         empty_label=_("all countries"), to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("all kinds")), *Organisation.Kind.choices])


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name_lv", "name_lt", "name_en", "short_name", "website",
                  "description_lv", "description_lt", "description_en", "venue_capacity"]

    def _post_clean(self):
        pass


# Forms of what coordinators add. Organisations and places are named by a text input (a short address, an
# official code or an exact name), never by a <select> of a table that grows to the size of Europe's; countries
# are a bounded list of the 249 of ISO 3166-1.

def _date_field(label):
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


def _names():
    return (forms.CharField(label=_("Name in Latvian"), max_length=300, required=False),
            forms.CharField(label=_("Name in Lithuanian"), max_length=300, required=False),
            forms.CharField(label=_("Name in English"), max_length=300, required=False))


CONFIRM_NEW = _("This is a different one: save it as new")


class _CountryMixin:
    country_empty_label = None

    def _set_countries(self):
        choices = country_choices()
        if self.country_empty_label is not None:
            choices = [("", self.country_empty_label), *choices]
        self.fields["country"].choices = choices


class OrganisationAddForm(_CountryMixin, forms.Form):
    name_lv, name_lt, name_en = _names()
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    place = forms.CharField(label=_("Municipality or town"), max_length=300, required=False,
                            help_text=_("Its official code or exact name as in the list of places; add the place "
                                        "first if it is missing."))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description_lv = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm_new = forms.BooleanField(label=CONFIRM_NEW, required=False)
    country_empty_label = _("no single country (an international or multi-country body)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_countries()


class PlaceAddForm(_CountryMixin, forms.Form):
    name_lv, name_lt, name_en = _names()
    country = forms.ChoiceField(label=_("Country"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Municipality.Kind.choices)
    code = forms.CharField(label=_("Official code"), max_length=60, required=False,
                           help_text=_("Leave empty if you do not know it."))
    lau_code = forms.CharField(label=_("LAU code"), max_length=20, required=False)
    valid_from = _date_field(_("Valid from"))
    valid_to = _date_field(_("Valid until"))
    confirm_new = forms.BooleanField(label=CONFIRM_NEW, required=False)
    country_empty_label = _("choose a country")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_countries()


class PersonAddForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    publication_consent = forms.BooleanField(label=_("Agrees to be named in publications"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False,
                                   help_text=_("Its short address or exact name."))
    title = forms.CharField(label=_("Position"), max_length=300, required=False)
    confirm_new = forms.BooleanField(label=CONFIRM_NEW, required=False)


class DepartmentAddForm(forms.Form):
    name_lv, name_lt, name_en = _names()


class PositionAddForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=300,
                                   help_text=_("Its short address or exact name."))
    title_lv = forms.CharField(label=_("Position in Latvian"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Position in English"), max_length=300, required=False)
    start_date = _date_field(_("From"))
    end_date = _date_field(_("Until"))


class VariantForm(forms.Form):
    name = forms.CharField(label=_("Name variant"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of variant"), choices=VariantKind.choices)
    language = forms.CharField(label=_("Language code"), max_length=8, required=False,
                               help_text=_("For example lv, lt, en, de, ru."))
    note = forms.CharField(label=_("Where it was found"), max_length=300, required=False)


RELATIONSHIP_CHOICES = [
    (Relationship.Kind.TWIN_TOWNS, _("twin towns")),
    (Relationship.Kind.PARTNERSHIP, _("partnership agreement")),
    (Relationship.Kind.COOPERATION, _("cooperation agreement")),
    (Relationship.Kind.PREPARING_PROJECT, _("preparing a joint project")),
    (Relationship.Kind.MEMBERSHIP, _("this organisation is a member of the other")),
    ("has_member", _("the other organisation is a member of this one")),
]


class RelationshipForm(forms.Form):
    other = forms.CharField(label=_("The other organisation"), max_length=300,
                            help_text=_("Its short address or exact name."))
    kind = forms.ChoiceField(label=_("Kind of relationship"), choices=RELATIONSHIP_CHOICES)
    signed_on = _date_field(_("Signed on"))
    start_date = _date_field(_("From"))
    end_date = _date_field(_("Until"))
    document = forms.FileField(label=_("Document"), required=False, validators=document_validators)
    link = forms.URLField(label=_("Link to the document"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class MergeForm(forms.Form):
    kept = forms.CharField(label=_("Entry to keep"), max_length=300)
    duplicate = forms.CharField(label=_("Duplicate to merge into it"), max_length=300)


class PersonEditForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "photo_consent", "publication_consent"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from kopa.privacy.permissions import may_manage_data  # privacy sits above the directory

        if user is not None and not may_manage_data(user, self.instance):
            # A consent is the person's own to give or withdraw (or an administrator's on their behalf, with its
            # history): a coordinator keeps the entry but is not offered what the service would refuse.
            del self.fields["photo_consent"], self.fields["publication_consent"]

    def _post_clean(self):
        pass  # the service checks and saves


class PlaceEditForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name_lv", "name_lt", "name_en", "kind", "lau_code", "valid_from", "valid_to"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def _post_clean(self):
        pass  # the service checks and saves
