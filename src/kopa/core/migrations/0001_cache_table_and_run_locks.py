"""Two tables without models: the database cache (used when KOPA_REDIS_URL is not set), made here so a fresh
machine, CI and the tests have it after `kopa migrate` (createcachetable's own logic, whatever CACHES says today,
so a site that later drops Redis finds it), and the lock rows of `kopa run_scheduled` on databases without
advisory locks (kopa.core.run_locks)."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLE = "kopa_cache"


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table),
        migrations.RunSQL(
            "CREATE TABLE kopa_run_lock (name varchar(100) NOT NULL PRIMARY KEY, holder varchar(200) NOT NULL, "
            "expires_at bigint NOT NULL)",
            "DROP TABLE kopa_run_lock",
        ),
    ]
