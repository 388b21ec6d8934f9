from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kopa.activities.models import ActivityKind
from kopa.directory.models import Municipality
from kopa.projects.models import FundingStatement, Project
from kopa.topics.forms import TopicFilterField


class NewsFilterForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.all(), required=False,
                                     empty_label=_("all projects"), to_field_name="code")
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.all(),
                                          required=False, empty_label=_("all municipalities"), to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind of activity"), required=False,
                             choices=[("", _("all kinds"))] + list(ActivityKind.choices))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    topic = TopicFilterField()


class ArticleForm(forms.Form):
    author_line = forms.CharField(label=_("Author line"), required=False, max_length=300)
    statements = forms.ModelMultipleChoiceField(
        label=_("Funding statements carried"), required=False, queryset=FundingStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = FundingStatement.objects.filter(pk__in=[s.pk for s in statements])
        self.fields["statements"].label_from_instance = lambda s: s.text
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(label=_("Title (%(language)s)") % {"language": _(name)},
                                                           required=False, max_length=300)
            self.fields[f"lead_{code}"] = forms.CharField(label=_("Lead (%(language)s)") % {"language": _(name)},
                                                          required=False, widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text in Markdown (%(language)s)") % {"language": _(name)}, required=False,
                widget=forms.Textarea(attrs={"rows": 12}))

    def texts(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {code: {field: data.get(f"{field}_{code}", "") for field in ("title", "lead", "body")}
                for code, _name in settings.LANGUAGES}
