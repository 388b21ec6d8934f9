from django import forms
from django.utils.translation import gettext_lazy as _

from kopa.core.files import image_validators
from kopa.directory.models import Municipality, Person
from kopa.projects.forms import DateInput
from kopa.projects.models import ActivityKind, Project
from kopa.topics.forms import TopicFilterField

from .models import Breakout, Registration


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("all kinds")), *ActivityKind.choices])
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.all(), required=False,
                                     empty_label=_("all projects"))
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), required=False, empty_label=_("all municipalities"), to_field_name="code",
        queryset=Municipality.objects.filter(hosted_activities__isnull=False).distinct(),
    )
    topic = TopicFilterField()
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100,
                              help_text=_("Only activities known to lie in that year."))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=[
        ("-date", _("newest first")), ("date", _("oldest first"))])


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("all")), *Registration.Status.choices])


class RegisterPersonForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Colleague"), queryset=Person.objects.none())
    breakout = forms.ModelChoiceField(label=_("Parallel group"), queryset=Breakout.objects.none(), required=False,
                                      empty_label=_("none"))
    waitlist = forms.BooleanField(
        label=_("Put on the waiting list if no seat is free"), required=False, initial=True,
    )

    def __init__(self, *args, people=None, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        breakouts = activity.breakouts.all() if activity is not None else Breakout.objects.none()
        if breakouts.exists():
            self.fields["breakout"].queryset = breakouts
        else:
            del self.fields["breakout"]


class SignUpForm(forms.Form):
    breakout = forms.ModelChoiceField(label=_("Parallel group"), queryset=Breakout.objects.none(), required=False,
                                      empty_label=_("none"))

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["breakout"].queryset = activity.breakouts.all() if activity else Breakout.objects.none()


class CloseForm(forms.Form):
    minutes_lv = forms.CharField(label=_("Minutes (Latvian)"), required=False, widget=forms.Textarea)
    minutes_lt = forms.CharField(label=_("Minutes (Lithuanian)"), required=False, widget=forms.Textarea)
    minutes_en = forms.CharField(label=_("Minutes (English)"), required=False, widget=forms.Textarea)


class OutcomeForm(forms.Form):
    title_lv = forms.CharField(label=_("Title (Latvian)"), max_length=300, required=False)
    title_lt = forms.CharField(label=_("Title (Lithuanian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    text_lv = forms.CharField(label=_("Text (Latvian)"), required=False, widget=forms.Textarea)
    text_lt = forms.CharField(label=_("Text (Lithuanian)"), required=False, widget=forms.Textarea)
    text_en = forms.CharField(label=_("Text (English)"), required=False, widget=forms.Textarea)


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("Image"), validators=image_validators)
    caption_lv = forms.CharField(label=_("Caption (Latvian)"), max_length=500)
    alt_text_lv = forms.CharField(label=_("What the photo shows, for those who cannot see it"), max_length=500)
    people = forms.ModelMultipleChoiceField(label=_("People shown"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people if people is not None else Person.objects.none()
