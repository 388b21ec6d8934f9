from django.db import migrations


def create_extensions(apps, schema_editor):
    # Not Django's UnaccentExtension/TrigramExtension: unapplied on SQLite (a migration test walks back past
    # this one) they ask pg_extension, which SQLite has not. Left in place when unapplied: other databases'
    # objects may use them.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def create_index(apps, schema_editor):
    from kopa.knowledge import index

    index.ensure(schema_editor.connection, rebuild=True)


def drop_index(apps, schema_editor):
    from kopa.knowledge import index

    index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    """The search index (kopa.knowledge.index): PostgreSQL full text and trigrams, or SQLite's FTS5."""

    dependencies = [
        ("publications", "0003_original_publication"),
        ("projects", "0007_programme_retention_years"),
        ("activities", "0011_activity_cancelled"),
    ]

    operations = [
        migrations.RunPython(create_extensions, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
