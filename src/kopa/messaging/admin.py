from django.contrib import admin

from .models import Mailing, Message, MessageTemplate


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """The outbox as it is: administrators read it; messages are written only by the services."""

    list_display = ["created_at", "kind", "to_address", "language", "subject", "state", "attempts"]
    list_filter = ["state", "kind", "language"]
    search_fields = ["to_address", "to_name", "subject"]
    readonly_fields = [f.name for f in Message._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(MessageTemplate)
admin.site.register(Mailing)
