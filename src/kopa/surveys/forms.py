from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopa.activities.models import Activity
from kopa.directory.models import Country, Department, Municipality, Organisation

from .models import Question

LIKERT_LABELS = {1: _("1 — strongly disagree"), 2: "2", 3: _("3 — neither agree nor disagree"), 4: "4",
                 5: _("5 — strongly agree")}


def answer_form(questions: list[Question], data=None, initial: dict | None = None, disabled: bool = False):
    """The respondent's form, one field per question (a ranking: one select per place)."""
    form = forms.Form(data=data)
    initial = initial or {}
    for question in questions:
        choices = [(c.code, c.label) for c in question.choices.all()]
        common = {"label": question.text, "required": False, "help_text": question.help_text, "disabled": disabled}
        if question.kind == Question.Kind.SINGLE:
            field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        elif question.kind == Question.Kind.MULTIPLE:
            field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        elif question.kind == Question.Kind.LIKERT:
            field = forms.ChoiceField(choices=[(str(v), label) for v, label in LIKERT_LABELS.items()],
                                      widget=forms.RadioSelect, **common)
        elif question.kind == Question.Kind.RANKING:
            places = min(question.ranking_size or len(choices), len(choices))
            for place in range(1, places + 1):
                name = f"{question.code}__{place}"
                form.fields[name] = forms.ChoiceField(
                    label=pgettext_lazy("ranking", "Place %(place)d") % {"place": place},
                    choices=[("", "—")] + choices, required=False, disabled=disabled)
                form.fields[name].question = question
                ranking = initial.get(question.code) or []
                form.initial[name] = ranking[place - 1] if len(ranking) >= place else ""
            continue
        elif question.kind == Question.Kind.NUMBER:
            field = forms.CharField(max_length=30, **common)
        else:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
        field.question = question
        form.fields[question.code] = field
        if question.code in initial:
            value = initial[question.code]
            form.initial[question.code] = str(value) if question.kind == Question.Kind.LIKERT else value
    return form


def answers_from(form, questions: list[Question]) -> dict:
    """The form's values as services.submit takes them (a ranking as its codes in order)."""
    data = {}
    for question in questions:
        if question.kind == Question.Kind.RANKING:
            places = [key for key in form.fields if key.startswith(f"{question.code}__")]
            data[question.code] = [form.data.get(key, "") for key in sorted(places, key=lambda k: int(k.rsplit(
                "__", 1)[1])) if form.data.get(key, "")]
        elif question.kind == Question.Kind.MULTIPLE:
            data[question.code] = form.data.getlist(question.code)
        else:
            data[question.code] = form.data.get(question.code, "")
    return data


class ResultFilterForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                     empty_label=_("all countries"), to_field_name="code")
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none(),
                                          required=False, empty_label=_("all municipalities"))
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False,
                                        empty_label=_("all departments"))
    position = forms.CharField(label=_("Position contains"), required=False, max_length=100)

    def __init__(self, *args, questionnaire=None, **kwargs):
        super().__init__(*args, **kwargs)
        if questionnaire is not None:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                pk__in=questionnaire.responses.values("municipality")).order_by("name")
            self.fields["department"].queryset = Department.objects.filter(
                pk__in=questionnaire.responses.values("department")).order_by("name")


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(label=_("Staff of these organisations"), required=False,
                                                   queryset=Organisation.objects.none(),
                                                   widget=forms.CheckboxSelectMultiple)
    departments = forms.ModelMultipleChoiceField(label=_("Staff of these departments"), required=False,
                                                 queryset=Department.objects.none(),
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(partnerships__project=project) if project else \
            Organisation.objects.all()
        self.fields["organisations"].queryset = organisations.order_by("name").distinct()
        self.fields["departments"].queryset = Department.objects.filter(
            organisation__in=self.fields["organisations"].queryset).select_related("organisation").order_by("name")


class NeedLinkForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Activity that answers it"), queryset=Activity.objects.none())

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.filter(project=project).order_by("start_date")
