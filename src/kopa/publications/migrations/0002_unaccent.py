from django.db import migrations


def create_unaccent(apps, schema_editor):
    """The site search folds diacritics with PostgreSQL's unaccent (SQLite gets a Python function instead)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(create_unaccent, migrations.RunPython.noop)]
