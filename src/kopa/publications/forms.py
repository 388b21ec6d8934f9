from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kopa.activities.models import kinds
from kopa.core.pickers import use_pickers
from kopa.directory.models import Municipality
from kopa.projects.models import FundingStatement, Project
from kopa.topics.forms import TopicFilterField

from .originals import Original


class NewsFilterForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.all(), required=False,
                                     empty_label=_("all projects"), to_field_name="code")
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.all(),
                                          required=False, empty_label=_("all municipalities"), to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind of activity"), required=False,
                             choices=lambda: [("", _("all kinds")), *kinds.choices()])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    topic = TopicFilterField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed, not listed: a <select> of every project and municipality made the page megabytes at EU size.
        use_pickers(self, "project", "municipality")


class ArticleTextsForm(forms.Form):
    """What every article has: its texts in each language, its author line and, if it was first published
    elsewhere, when and where. The service checks the original publication (one rule for pages and API)."""

    author_line = forms.CharField(label=_("Author line"), required=False, max_length=300)
    original_date = forms.DateField(label=_("First published on"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                    help_text=_("Only for an article first published elsewhere: it is listed "
                                                "under this date."))
    original_time = forms.TimeField(label=_("At (time, if known)"), required=False,
                                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    # A plain text field: the service says what a valid address is, for these pages and the API alike.
    original_url = forms.CharField(label=_("Original address"), required=False, max_length=500,
                                   widget=forms.URLInput, help_text=_("For example https://www.example.lv/news/1"))
    original_publisher = forms.CharField(label=_("Original publisher or site"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(label=_("Title (%(language)s)") % {"language": _(name)},
                                                           required=False, max_length=300)
            self.fields[f"lead_{code}"] = forms.CharField(label=_("Lead (%(language)s)") % {"language": _(name)},
                                                          required=False, widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text in Markdown (%(language)s)") % {"language": _(name)}, required=False,
                widget=forms.Textarea(attrs={"rows": 12}))
        for name, field in self.fields.items():
            if field.help_text:  # read out with the field, not only seen beside it
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_help")

    def texts(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {code: {field: data.get(f"{field}_{code}", "") for field in ("title", "lead", "body")}
                for code, _name in settings.LANGUAGES}

    def original(self) -> Original:
        data = self.cleaned_data
        return Original(on=data.get("original_date"), at=data.get("original_time"),
                        url=data.get("original_url", ""), publisher=data.get("original_publisher", ""))

    @staticmethod
    def initial_original(original: Original) -> dict:
        return {"original_date": original.on, "original_time": original.at, "original_url": original.url,
                "original_publisher": original.publisher}


class ArticleForm(ArticleTextsForm):
    statements = forms.ModelMultipleChoiceField(
        label=_("Funding statements carried"), required=False, queryset=FundingStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = FundingStatement.objects.filter(pk__in=[s.pk for s in statements])
        self.fields["statements"].label_from_instance = lambda s: s.text


class NewArticleForm(ArticleTextsForm):
    """An article of its own: of a project the writer coordinates, or of none."""

    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False,
                                     empty_label=_("no project"))

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects if projects is not None else Project.objects.none()
        use_pickers(self, "project")
