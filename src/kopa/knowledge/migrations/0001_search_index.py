from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


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

    # Both extensions do nothing on SQLite.
    operations = [UnaccentExtension(), TrigramExtension(), migrations.RunPython(create_index, drop_index)]
