"""The audit trail in the back office: read-only for everyone, administrators included (the log is append-only),
and read by administrators only (kopa.audit.visibility). Personal values are not a back-office table: an entry
shows them to its administrator reader as the history pages do."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from kopa.core.admin_rules import ReadOnlyAdmin

from . import queries, visibility
from .models import Entry


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "role", "channel", "action", "model", "object_label", "failed"]
    list_filter = ["channel", "actor_kind", "failed"]
    search_fields = ["action", "model", "object_id", "object_label", "actor_label"]
    date_hierarchy = "at"
    show_full_result_count = False  # the log is large: no second COUNT over all of it
    list_per_page = 50
    fields = ["at", "actor_label", "actor_id", "actor_kind", "role", "channel", "action", "model", "object_id",
              "object_label", "project_id", "activity_id", "shown_changes", "note", "failed", "history"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return visibility.may_see_everything(request.user)

    def has_view_permission(self, request, obj=None):
        return visibility.may_see_everything(request.user)

    @admin.display(description=_("what changed"))
    def shown_changes(self, obj):
        # Only administrators read the trail here (has_view_permission), and they may read every personal value.
        row = queries.present([obj], visibility.Viewer(None, None, administrator=True), links=False)[0]
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((str(c),) for c in row.changes)))

    @admin.display(description=_("History"))
    def history(self, obj):
        links = []
        try:
            if obj.model and obj.object_id:
                links.append((reverse("audit:object", args=[obj.model, obj.object_id]), _("of this object")))
            if obj.actor_id:
                links.append((reverse("audit:everything") + f"?actor={obj.actor_id}", _("of this user")))
        except NoReverseMatch:
            return ""
        return format_html_join(" · ", '<a href="{}">{}</a>', links)
