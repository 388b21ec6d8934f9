from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def _pause_index(sender, using, plan, **kwargs):
    from django.db import connections

    from . import index

    if plan:
        index.pause(connections[using])


def _ensure_index(sender, using, **kwargs):
    """A later migration may have rebuilt an indexed table (SQLite does, for most changes) and lost its triggers."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from . import index

    connection = connections[using]
    if ("knowledge", "0001_search_index") in MigrationRecorder(connection).applied_migrations():
        index.ensure(connection)


class KnowledgeConfig(AppConfig):
    name = "kopa.knowledge"
    label = "knowledge"
    verbose_name = _("Search")

    def ready(self):
        from .queries import register_fold_function

        register_fold_function()
        pre_migrate.connect(_pause_index, sender=self)
        post_migrate.connect(_ensure_index, sender=self)
