"""Existing entries get the name keys the duplicate check and search prefilter on."""

from django.db import migrations

from kopa.core.names import name_key


def _key(*names):
    return " | ".join(dict.fromkeys(k for k in (name_key(n or "") for n in names) if k))[:1000]


def fill(apps, schema_editor):
    for model, names in (
        ("Organisation", lambda o: (o.name_lv, o.name_lt, o.name_en, o.short_name)),
        ("Municipality", lambda o: (o.name_lv, o.name_lt, o.name_en)),
        ("Person", lambda o: (f"{o.first_name} {o.last_name}",)),
    ):
        Model = apps.get_model("directory", model)
        rows = list(Model.objects.all())
        for row in rows:
            row.key = _key(*names(row))
        Model.objects.bulk_update(rows, ["key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_europe_aliases_relationships_merges")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
