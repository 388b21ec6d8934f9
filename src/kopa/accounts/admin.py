from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kopa.core.admin_rules import ReadOnlyAdmin
from kopa.core.errors import DomainError

from . import services
from .models import ApiToken, RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "project", "organisation"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "project", "organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Administrators see every user's tokens and revoke them; nobody makes or edits one here (a token's secret is
    shown only to its owner, on their own page)."""

    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                services.revoke_api_token(token=token, by=request.user)
            except DomainError as error:
                self.message_user(request, str(error.message), messages.ERROR)
                return
            revoked += 1
        self.message_user(request, ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
                          % {"count": revoked}, messages.SUCCESS)
