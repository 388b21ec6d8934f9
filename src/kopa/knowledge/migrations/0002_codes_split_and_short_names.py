from django.db import migrations


def rebuild(apps, schema_editor):
    from kopa.knowledge import index

    index.ensure(schema_editor.connection, rebuild=True)


class Migration(migrations.Migration):
    """On PostgreSQL codes such as "LLI-59" are indexed as "lli" and "59", and the trigram names of a project are its
    code, acronym and aliases only (no titles): the documents are built again."""

    dependencies = [("knowledge", "0001_search_index")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
