from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.admin_rules import RulesAdmin

from .models import Need, Questionnaire


@admin.register(Need)
class NeedAdmin(RulesAdmin, TranslationAdmin):
    """A project's needs and the activities and work plan items that answer them (also on the coverage page)."""

    list_display = ["name", "code", "project"]
    list_filter = ["project"]
    filter_horizontal = ["activities", "work_plan_items"]
    scope_path = "project"
    scope_ids = coordinated_project_ids

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        need_id = request.resolver_match.kwargs.get("object_id")
        if need_id and db_field.name in ("activities", "work_plan_items"):
            # Only what belongs to the need's own project can answer it.
            field.queryset = field.queryset.filter(project__needs__pk=need_id)
        return field


@admin.register(Questionnaire)
class QuestionnaireAdmin(RulesAdmin, TranslationAdmin):
    """Questionnaires are built, published and answered on their pages; the back office lists them."""

    list_display = ["title", "project", "purpose", "status", "version"]
    list_filter = ["status", "purpose"]
    scope_path = "project"
    scope_ids = coordinated_project_ids

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
