"""The starting vocabulary, written by the migration that seeds it — and again, idempotently, by the demo,
whose tests begin from an emptied database (a flushed test database keeps the schema, not the seed)."""

from importlib import import_module

from django.apps import apps


def ensure_vocabulary() -> int:
    """Add the seeded topics that are missing (existing ones are left as they are); returns how many."""
    seed = import_module("kopa.topics.migrations.0002_seed_topics")
    Topic = apps.get_model("topics", "Topic")
    before = Topic.objects.count()
    seed.seed(apps, None)
    return Topic.objects.count() - before
