from kopa.topics import services
from kopa.topics.models import Topic


def _add(w):
    services.add_topic(by=w.admin, name_lv="Audita pārbaude")


def _update(w):
    topic = Topic.objects.order_by("pk").first()
    services.update_topic(topic=topic, by=w.admin, synonyms="audits")


RECIPES = {
    "kopa.topics.services.add_topic": _add,
    "kopa.topics.services.update_topic": _update,
}
