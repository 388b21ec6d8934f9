from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils.translation import gettext_lazy as _

from kopa.core.choice_fields import TranslatedNameChoiceField
from kopa.core.files import MaxSizeValidator
from kopa.directory.models import Country

from . import uploads
from .models import EventLog, Improvement, ProcessStep, ServiceType


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Service or institution"), required=False)
    service_type = forms.ModelChoiceField(label=_("Service type"), queryset=ServiceType.objects.all(),
                                          required=False, empty_label=_("all service types"), to_field_name="code")
    country = TranslatedNameChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                         empty_label=_("all countries"), to_field_name="code")


def within_log_limit(file) -> None:
    """The administrator's limit (KOPA_LEAN_MAX_UPLOAD_MB), read when the form is checked, not when it is imported."""
    MaxSizeValidator(settings.KOPA_LEAN_MAX_UPLOAD_MB)(file)


class UploadForm(forms.Form):
    name = forms.CharField(label=_("Name of the measurement"), max_length=200)
    file = forms.FileField(
        label=_("Event log (CSV: case_id, activity, timestamp; optional resource, department — or XES; "
                "also compressed: .csv.gz, .xes.gz, or one file in a .zip)"),
        validators=[FileExtensionValidator(uploads.EXTENSIONS), within_log_limit],
    )
    duration_basis = forms.ChoiceField(label=_("Count durations in"), choices=EventLog.Basis.choices,
                                       initial=EventLog.Basis.CALENDAR, widget=forms.RadioSelect, required=False)
    source = forms.CharField(label=_("Source (where the cases come from)"), max_length=300, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    published = forms.BooleanField(
        label=_("Publish it once analysed (otherwise it is a test that only the team sees)"), required=False)


class MeasurementForm(forms.Form):
    name = forms.CharField(label=_("Name of the measurement"), max_length=200)
    source = forms.CharField(label=_("Source (where the cases come from)"), max_length=300, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MeasurementPairForm(forms.Form):
    """Two measurements of one service, side by side; chosen among the list the page already read."""

    a = forms.TypedChoiceField(label=_("First measurement"), coerce=int)
    b = forms.TypedChoiceField(label=_("Second measurement"), coerce=int)

    def __init__(self, *args, logs=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(log.pk, log.name) for log in logs]
        for name in ("a", "b"):
            self.fields[name].choices = choices


class ImprovementForm(forms.Form):
    step = forms.ModelChoiceField(label=_("Step"), queryset=ProcessStep.objects.none())
    kind = forms.ChoiceField(label=_("What to do"), choices=Improvement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    expected_effect = forms.CharField(label=_("Expected effect"), required=False, widget=forms.Textarea)

    def __init__(self, *args, steps=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps if steps is not None else ProcessStep.objects.none()


MINUTES = {"min_value": 0, "max_value": 10_000_000}
LINKS = ("rework_to", "alternative_to")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MapForm(forms.Form):
    note = forms.CharField(label=_("What changed in this version"), max_length=300, required=False)


class StepForm(forms.Form):
    """One row of the map editor; the step rules themselves are checked by services.save_map."""

    name_lv = forms.CharField(label=_("Name (Latvian)"), max_length=200, required=False)
    name_lt = forms.CharField(label=_("Name (Lithuanian)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    log_activity = forms.CharField(label=_("Name in the event log"), max_length=200, required=False,
                                   help_text=_("Only if the document system calls the step differently."))
    performer = forms.CharField(label=_("Performer (department or role)"), max_length=200, required=False)
    processing_minutes = forms.IntegerField(label=_("Processing time, typical (min)"), **MINUTES)
    processing_min = forms.IntegerField(label=_("Processing time, shortest (min)"), required=False, **MINUTES)
    processing_max = forms.IntegerField(label=_("Processing time, longest (min)"), required=False, **MINUTES)
    waiting_minutes = forms.IntegerField(label=_("Waiting before it, typical (min)"), required=False, **MINUTES)
    waiting_min = forms.IntegerField(label=_("Waiting before it, shortest (min)"), required=False, **MINUTES)
    waiting_max = forms.IntegerField(label=_("Waiting before it, longest (min)"), required=False, **MINUTES)
    handoff = forms.BooleanField(label=_("Hand-off to another performer"), required=False)
    value_class = forms.ChoiceField(label=_("Class"), choices=[("", "—"), *ProcessStep.ValueClass.choices])
    waste_kind = forms.ChoiceField(label=_("Kind of waste"), required=False,
                                   choices=[("", "—"), *ProcessStep.Waste.choices])
    rework_to = forms.IntegerField(label=_("May send the case back to step no."), min_value=1, required=False,
                                   help_text=_("The number of the step on this form."))
    alternative_to = forms.IntegerField(label=_("Alternative to step no."), min_value=1, required=False,
                                        help_text=_("The number of the step on this form."))


class RowsFormSet(forms.BaseFormSet):
    """A formset whose number of empty rows the view chooses (more for a map that does not exist yet)."""

    def __init__(self, *args, extra: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if extra is not None:
            self.extra = extra

    def filled_forms(self):
        """The rows that say something: every initial row, and the empty rows someone typed into."""
        for number, form in enumerate(self.forms, start=1):
            if number > self.initial_form_count() and not form.has_changed():
                continue
            yield number, form


class BaseStepFormSet(RowsFormSet):
    """The map editor. A step's number is its row on the form; links name other rows by that number and are
    turned into positions in the new order, after deleted rows are left out."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django's own label reads oddly in Lithuanian ("Nurodyti"); ours is translated with the rest.
        form.fields[ORDERING_FIELD_NAME].label = _("Order")

    def clean(self):
        self.cleaned_steps = []
        if any(self.errors):
            return
        kept = [(form.cleaned_data.get(ORDERING_FIELD_NAME), number, form) for number, form in self.filled_forms()
                if not form.cleaned_data.get(DELETION_FIELD_NAME)]
        kept.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1]))
        positions = {number: position for position, (_order, number, _form) in enumerate(kept, start=1)}
        for _order, _number, form in kept:
            step = {name: value for name, value in form.cleaned_data.items()
                    if name not in LINKS and name not in (ORDERING_FIELD_NAME, DELETION_FIELD_NAME)}
            step["waiting_minutes"] = step["waiting_minutes"] or 0
            for link in LINKS:
                target = form.cleaned_data[link]
                if target is not None and target not in positions:
                    form.add_error(link, _("There is no step %(number)d on this form, or it is being removed.")
                                   % {"number": target})
                elif target is not None:
                    step[link] = positions[target]
            self.cleaned_steps.append(step)


StepFormSet = forms.formset_factory(StepForm, formset=BaseStepFormSet, extra=3, can_order=True, can_delete=True,
                                    max_num=200, validate_max=True)


def with_more_rows(data, prefix: str, count: int = 3):
    """The submitted data with `count` more empty rows: the "add rows" button works without JavaScript."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, "")) + count)
    except ValueError:
        pass  # a broken management form is reported by the formset itself
    return data


class CaseForm(forms.Form):
    case_ref = forms.CharField(label=_("Case reference"), max_length=100,
                               help_text=_("The number of the application or file."))


class RecordedStepForm(forms.Form):
    # The datalist offers the activity names of the map's steps; any other name can be typed.
    activity = forms.CharField(label=_("Step"), max_length=200, required=False,
                               widget=forms.TextInput(attrs={"list": "lean-activities"}))
    timestamp = forms.DateTimeField(label=_("Performed at"), required=False, widget=DateTimeInput())
    resource = forms.CharField(label=_("Performed by"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("timestamp") is None and not self.has_error("timestamp"):
            if {"activity", "resource"} & set(self.changed_data):
                self.add_error("timestamp", _("Enter when this step was performed, or leave the row empty."))
        elif data.get("timestamp") is not None and not data.get("activity"):
            self.add_error("activity", _("Name the step."))
        return data


class BaseRecordedStepFormSet(RowsFormSet):
    def events(self) -> list[tuple]:
        """(activity, time, resource) of the rows with a time, in the order of the form; rows left empty are
        steps that were not performed."""
        return [(form.cleaned_data["activity"], form.cleaned_data["timestamp"], form.cleaned_data["resource"])
                for _number, form in self.filled_forms() if form.cleaned_data.get("timestamp") is not None]


RecordedStepFormSet = forms.formset_factory(RecordedStepForm, formset=BaseRecordedStepFormSet, extra=2,
                                            max_num=200, validate_max=True)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Find by case reference"), required=False)
