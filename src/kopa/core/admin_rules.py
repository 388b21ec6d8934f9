"""The back office follows the same object rules as the pages: a coordinator sees and edits only
the projects or organisations they coordinate; administrators see everything."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin, ObjectPermissionsTabularInline


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record only services write (consents, erasures, tokens, the audit trail): shown, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RulesAdmin(ObjectPermissionsModelAdmin):
    # Name of the path from this model to the object the role is given on, e.g. "" (the object
    # itself) or "project"; None means administrators only.
    scope_path: str | None = None
    scope_ids = None  # function(user) -> set of ids

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or self.scope_ids is None:
            return queryset
        field = f"{self.scope_path}__pk__in" if self.scope_path else "pk__in"
        return queryset.filter(**{field: type(self).scope_ids(request.user)})


class RulesInline(ObjectPermissionsTabularInline):
    extra = 0
