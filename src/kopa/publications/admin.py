from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from kopa.accounts.permissions import coordinated_project_ids
from kopa.core.admin_rules import RulesAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(RulesAdmin, TranslationAdmin):
    """A read-only list: articles are written on their own pages, where drafting, review and the funders'
    checks at publishing apply (the back office must not be a way around them)."""

    list_display = ["title", "status", "published_at", "original_published_at", "project", "activity"]
    list_filter = ["status"]
    search_fields = ["title_lv", "title_lt", "title_en", "slug"]
    scope_path = "project"
    scope_ids = coordinated_project_ids

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
