"""Every write to the vocabulary. One transaction per call; a broken rule raises DomainError."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, require

from .checks import check_topic
from .models import Topic


def _save(topic: Topic) -> Topic:
    try:
        with transaction.atomic():  # a savepoint, so the refusal below leaves the outer transaction usable
            topic.save()
    except IntegrityError:
        # Someone saved the same name or short address a moment before (the check above passed for both).
        raise DomainError(_("Another topic already has this name or short address."), code="duplicate") from None
    return topic


@audited
def add_topic(*, by, name_lv: str = "", name_lt: str = "", name_en: str = "", parent: Topic | None = None,
              synonyms: str = "", slug: str = "") -> Topic:
    """A new topic; a name in any one language is enough, the short address is made from the first name given."""
    require(by, "topics.add_topic")
    cleaned = check_topic(name_lv=name_lv, name_lt=name_lt, name_en=name_en, parent=parent, synonyms=synonyms,
                          slug=slug)
    return _save(Topic(added_by=by, **cleaned))


@audited
def update_topic(*, topic: Topic, by, **fields) -> Topic:
    """Change a topic's names, broader topic, synonyms or short address; refused as a whole on a broken rule."""
    if "parent" in fields:
        # Moving topics around is serialised: two moves checked at once (A under B, B under A) would each
        # pass the cycle check. The vocabulary is small, so locking it whole is cheap.
        list(Topic.objects.select_for_update().values_list("pk", flat=True))
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    require(by, "topics.change_topic", locked)
    for name, value in check_topic(topic=locked, **fields).items():
        setattr(locked, name, value)
    return _save(locked)
