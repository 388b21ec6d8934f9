from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopa.activities.models import Activity
from kopa.core.choice_fields import TranslatedNameChoiceField
from kopa.core.pickers import use_pickers
from kopa.directory.models import Country, Department, Municipality, Organisation
from kopa.topics.forms import TopicFilterField
from kopa.topics.models import Topic

from .models import Choice, Question, Questionnaire, Section

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


class AnswerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.question.text}: {obj.label}"


class ResultFilterForm(forms.Form):
    country = TranslatedNameChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False,
                                         empty_label=_("all countries"), to_field_name="code")
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none(),
                                          required=False, empty_label=_("all municipalities"))
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False,
                                        empty_label=_("all departments"))
    position = forms.CharField(label=_("Position contains"), required=False, max_length=100)
    answer = AnswerChoiceField(label=_("Answer given"), queryset=Choice.objects.none(), required=False,
                               empty_label=_("all respondents"))

    def __init__(self, *args, questionnaire=None, **kwargs):
        super().__init__(*args, **kwargs)
        if questionnaire is not None:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                pk__in=questionnaire.responses.values("municipality")).order_by("name")
            use_pickers(self, "municipality")  # answered from 90,000 municipalities, no drop-down lists them all
            self.fields["department"].queryset = Department.objects.filter(
                pk__in=questionnaire.responses.values("department")).order_by("name")
            self.fields["answer"].queryset = Choice.objects.filter(
                question__section__questionnaire=questionnaire, question__kind=Question.Kind.SINGLE).select_related(
                "question").order_by("question__section__position", "question__position", "question_id", "position")
            if questionnaire.anonymous:
                # Not stored for anonymous answers: a department or role is filtered by as an answer to a question.
                del self.fields["department"], self.fields["position"]


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


class NeedTopicsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.all(), required=False)


LANGUAGES = (("lv", _("Latvian")), ("lt", _("Lithuanian")), ("en", _("English")))


class QuestionnaireForm(forms.Form):
    title_lv = forms.CharField(label=_("Title (Latvian)"), max_length=300)
    title_lt = forms.CharField(label=_("Title (Lithuanian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    introduction_lv = forms.CharField(label=_("Introduction (Latvian)"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Questionnaire.Purpose.choices)
    anonymous = forms.BooleanField(label=_("Anonymous: answers are stored without any link to the respondent"),
                                   required=False, initial=True)
    open_link = forms.BooleanField(label=_("Also an open link anyone may answer through"), required=False)
    opens_at = forms.DateTimeField(label=_("Opens"), required=False,
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    closes_at = forms.DateTimeField(label=_("Closes"), required=False,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class QuestionForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none(), required=False,
                                     empty_label=_("a new section"))
    section_title_lv = forms.CharField(label=_("New section (Latvian)"), required=False, max_length=300)
    section_title_lt = forms.CharField(label=_("New section (Lithuanian)"), required=False, max_length=300)
    section_title_en = forms.CharField(label=_("New section (English)"), required=False, max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    text_lv = forms.CharField(label=_("Question (Latvian)"), max_length=500)
    text_lt = forms.CharField(label=_("Question (Lithuanian)"), max_length=500, required=False)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    choices = forms.CharField(
        label=_("Answers to choose from"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: Latvian | Lithuanian | English (the last two may be left out)."))
    needs_as_choices = forms.BooleanField(label=_("The answers are the project's needs (for a ranking)"),
                                          required=False)
    ranking_size = forms.IntegerField(label=_("How many to rank"), required=False, min_value=1, max_value=20)
    show_if = forms.ChoiceField(label=_("Show only if this was chosen"), required=False)

    def __init__(self, *args, questionnaire=None, **kwargs):
        super().__init__(*args, **kwargs)
        if questionnaire is not None:
            self.fields["section"].queryset = questionnaire.sections.order_by("position", "pk")
            conditions = Choice.objects.filter(question__section__questionnaire=questionnaire,
                                               question__kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE])
            self.fields["show_if"].choices = [("", _("always show it"))] + [
                (f"{c.question.code}:{c.code}", f"{c.question.text} → {c.label}")
                for c in conditions.select_related("question").order_by("question__section__position",
                                                                         "question__position", "position")]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING) and not (
                data.get("choices", "").strip() or data.get("needs_as_choices")):
            self.add_error("choices", _("List the answers to choose from."))
        return data

    def question(self, needs) -> dict:
        data = self.cleaned_data
        choices = []
        if data.get("needs_as_choices"):
            choices = [{"code": need.code, "need": need, "label": {lang: getattr(need, f"name_{lang}") or ""
                                                                    for lang, _name in LANGUAGES}} for need in needs]
        else:
            for number, line in enumerate(filter(None, (row.strip() for row in data.get("choices", "").splitlines())),
                                          start=1):
                parts = [part.strip() for part in line.split("|")] + ["", ""]
                choices.append({"code": slugify(parts[0])[:50] or f"a{number}",
                                "label": {"lv": parts[0], "lt": parts[1], "en": parts[2]}})
        return {"code": slugify(data["text_lv"])[:50] or "q", "kind": data["kind"], "required": data["required"],
                "ranking_size": data.get("ranking_size"), "show_if": data.get("show_if") or "",
                "text": {lang: data.get(f"text_{lang}") or "" for lang, _name in LANGUAGES},
                "choices": choices}

    def section_titles(self) -> dict[str, str]:
        return {lang: self.cleaned_data.get(f"section_title_{lang}") or "" for lang, _name in LANGUAGES}


class NeedFilterForm(forms.Form):
    topic = TopicFilterField()
