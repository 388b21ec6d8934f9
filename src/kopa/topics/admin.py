from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin

from kopa.core.errors import DomainError, attach_to_form

from . import checks, services
from .forms import TopicForm
from .models import Topic


class TopicAdminForm(TopicForm):
    """The page's form and the short address; the service's rules are shown on the fields before saving."""

    slug = forms.SlugField(label=_("Short address"), required=False, max_length=80,
                           help_text=_("Leave empty to make it from the first name given."))

    class Meta(TopicForm.Meta):
        fields = [*TopicForm.Meta.fields, "slug"]

    def clean(self):
        try:
            checks.check_topic(topic=self.instance if self.instance.pk else None, **self.cleaned_data)
        except DomainError as error:
            attach_to_form(self, error)
        return self.cleaned_data


@admin.register(Topic)
class TopicAdmin(ObjectPermissionsModelAdmin):
    form = TopicAdminForm
    fields = TopicAdminForm.Meta.fields
    list_display = ["name", "slug", "parent", "added_by", "created_at"]
    list_select_related = ["parent", "added_by"]
    search_fields = ["slug", "name_lv", "name_lt", "name_en", "synonyms"]

    def save_model(self, request, obj, form, change):
        """Through the services, like every other write (permission, author, duplicate and cycle checks)."""
        if change:
            topic = services.update_topic(topic=obj, by=request.user, **form.cleaned_data)
        else:
            topic = services.add_topic(by=request.user, **form.cleaned_data)
        # The admin goes on with `obj` (its log entry, the redirect): make it the row the service wrote.
        obj.pk = topic.pk
        obj.refresh_from_db()
        obj._state.adding = False
