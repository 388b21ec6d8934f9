from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Topic
from .queries import topics_for_choice


class ReaderOrderedTopics:
    """A `queryset` read in the order of the names the reader sees, at the moment the choices are read.

    A field in a form class is built once, when the module is imported, in whatever language was active then;
    ordering there would sort a Lithuanian page by Latvian names.
    """

    @property
    def queryset(self):
        return None if self._queryset is None else topics_for_choice(self._queryset)

    @queryset.setter
    def queryset(self, queryset):
        forms.ModelChoiceField._set_queryset(self, queryset)


class TopicChoiceField(ReaderOrderedTopics, forms.ModelChoiceField):
    pass


class TopicFilterField(ReaderOrderedTopics, forms.ModelChoiceField):
    """The topic filter of any list: `topic = TopicFilterField()` in a filter form, then
    `topics__in=descendant_ids(topic)` (a broader topic also finds the records on its narrower ones).

    The value in the address is the topic's slug (?topic=tourism), the same in every language.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Topic.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Topic"))
        kwargs.setdefault("empty_label", _("all topics"))
        super().__init__(**kwargs)


class TopicSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or other word"), required=False, max_length=200)


class TopicForm(forms.ModelForm):
    """What a person types; the rules (a name, no duplicates, no cycle) are the service's, shown on the fields."""

    name_lv = forms.CharField(label=_("Name in Latvian"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"lang": "lv"}))
    name_lt = forms.CharField(label=_("Name in Lithuanian"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"lang": "lt"}))
    name_en = forms.CharField(label=_("Name in English"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"lang": "en"}))
    parent = TopicChoiceField(label=_("Broader topic"), queryset=Topic.objects.all(), required=False,
                              to_field_name="slug", empty_label=_("none (a topic of its own)"))
    synonyms = forms.CharField(label=_("Synonyms"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Other words for it, in any language, one per line."))

    class Meta:
        model = Topic
        fields = ["name_lv", "name_lt", "name_en", "parent", "synonyms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices carry slugs; the instance's initial value is the parent's id, which would match none.
        if self.instance.parent_id:
            self.initial["parent"] = self.instance.parent.slug

    def _post_clean(self):
        # Leave the instance and the model's checks alone: the service checks and says why in the reader's words.
        pass
