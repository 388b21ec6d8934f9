"""The form of copying a project's activity plan (projects/plan_views.py)."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kopa.core.pickers import use_pickers


class ActivityChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, activity):
        day = date_format(activity.start_date, "SHORT_DATE_FORMAT") if activity.start_date else _("date not stated")
        return f"{activity.title} ({day})"


class PlanCopyForm(forms.Form):
    UNITS = [("years", _("years")), ("months", _("months")), ("weeks", _("weeks")), ("days", _("days"))]

    activities = ActivityChoice(label=_("Activities to copy"), queryset=None, widget=forms.CheckboxSelectMultiple)
    into = forms.ModelChoiceField(label=_("Copy into the project"), queryset=None, empty_label=None)
    offset = forms.IntegerField(label=_("Move the dates by"), min_value=-36600, max_value=36600,
                                help_text=_("A negative number moves them earlier."))
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS)

    def __init__(self, *args, activities, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = activities
        self.fields["into"].queryset = projects
        use_pickers(self, "into")  # the projects one coordinates: every project, for an administrator

    def shift(self) -> dict:
        """The offset as copy_plan takes it: years, months or days."""
        offset, unit = self.cleaned_data["offset"], self.cleaned_data["unit"]
        if unit == "weeks":
            return {"days": 7 * offset}
        return {unit: offset}
