"""Forms of the organiser page for an activity's parallel groups, seat quotas and materials."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kopa.core.files import document_validators
from kopa.core.pickers import use_pickers
from kopa.core.translated import in_language_order
from kopa.directory.models import Organisation

from .models import Breakout

LANGUAGES = (("lv", _("Latvian")), ("lt", _("Lithuanian")), ("en", _("English")))


def _translated(fields: dict, name: str, label, max_length: int) -> None:
    for code, language in LANGUAGES:
        fields[f"{name}_{code}"] = forms.CharField(label=f"{label} ({language})", max_length=max_length,
                                                   required=False, widget=forms.TextInput(attrs={"lang": code}))


class _GroupChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.theme or _("Group %(number)s") % {"number": obj.pk}


class BreakoutForm(forms.Form):
    capacity = forms.IntegerField(label=_("Seats in the group"), min_value=0, required=False,
                                  help_text=_("Leave empty if the group has no limit of its own."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes: dict = {}
        _translated(themes, "theme", _("Theme"), 500)
        self.fields = {**themes, **self.fields}

    def service_arguments(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class QuotaForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    seats = forms.IntegerField(label=_("Seats kept for it"), min_value=0)
    breakout = _GroupChoice(label=_("In the parallel group"), queryset=Breakout.objects.none(), required=False,
                            empty_label=_("the whole activity"))

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        self.fields["breakout"].queryset = activity.breakouts.order_by("pk")
        use_pickers(self, "organisation")

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False, validators=document_validators,
                           help_text=_("PDF, office documents or images."))
    breakout = _GroupChoice(label=_("Of the parallel group"), queryset=Breakout.objects.none(), required=False,
                            empty_label=_("the whole activity"))
    carries_statement = forms.BooleanField(label=_("Shows the funding statement and logos"), required=False)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["breakout"].queryset = activity.breakouts.order_by("pk")

    def service_arguments(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class PollForm(forms.Form):
    """A vote of the audience: its question and its entries, one a line."""

    registered_only = forms.BooleanField(label=_("Only registered participants vote"), required=False, initial=True)
    entries = forms.CharField(label=_("Entries"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                              help_text=_("One a line, e.g. the projects presented; at least two to open the vote."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions: dict = {}
        _translated(questions, "question", _("Question"), 300)
        self.fields = {**questions, **self.fields}

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        lines = [line.strip() for line in (data.pop("entries") or "").splitlines() if line.strip()]
        data["entries"] = [{"title": line[:300]} for line in lines]
        return data


class FollowUpForm(forms.Form):
    """An activity announced at this one (a visit that announced two exchanges in June)."""

    follow_up = forms.ModelChoiceField(label=_("Activity announced here"), queryset=None)

    def __init__(self, *args, activity, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up"].queryset = activities.exclude(pk=activity.pk)
        use_pickers(self, "follow_up")

    def service_arguments(self) -> dict:
        return {}  # the view names the activity to change


class WorkingGroupForm(forms.Form):
    """A standing working group: its project, names and themes in any of the three languages, its topics."""

    project = forms.ModelChoiceField(label=_("Project"), queryset=None)

    def __init__(self, *args, projects, **kwargs):
        from kopa.topics.models import Topic
        from kopa.topics.queries import topics_for_choice

        super().__init__(*args, **kwargs)
        texts: dict = {}
        _translated(texts, "name", _("Name"), 200)
        _translated(texts, "theme", _("Theme"), 200)
        self.fields = {**texts, **self.fields}
        self.fields["project"].queryset = projects
        use_pickers(self, "project")  # an administrator may choose among every project
        self.fields["topics"] = forms.ModelMultipleChoiceField(label=_("Topics"), required=False,
                                                               queryset=topics_for_choice(Topic.objects.all()))

    @classmethod
    def initial_for(cls, group) -> dict:
        initial = {f"{name}_{code}": getattr(group, f"{name}_{code}") for name in ("name", "theme")
                   for code, _language in LANGUAGES}
        return initial | {"project": group.project, "topics": list(group.topics.all())}

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["topics"] = list(data["topics"])
        return {key: ("" if value is None and key != "project" else value) for key, value in data.items()}


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Member (a person in the directory)"), queryset=None)

    def __init__(self, *args, **kwargs):
        from kopa.directory.models import Person

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name", "pk")
        use_pickers(self, "person")

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)
