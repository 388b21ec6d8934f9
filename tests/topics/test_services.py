import pytest
from django.utils import translation

from kopa.core.errors import DomainError, PermissionDenied
from kopa.topics import queries, services
from kopa.topics.models import Topic
from tests import factories

from .builders import coordinator, topic

pytestmark = pytest.mark.django_db


def test_a_partner_coordinator_adds_a_topic_named_in_one_language():
    author = coordinator()
    added = services.add_topic(by=author, name_lt="Vandens sportas", synonyms=" baidarės \n\nkajaki\nBaidarės ")
    assert added.added_by == author
    assert added.slug == "vandens-sportas"
    assert added.name_lv is None and added.name_lt == "Vandens sportas"
    assert added.synonym_list == ["baidarės", "kajaki"]  # tidied, each once


def test_a_programme_coordinator_may_add_a_topic_too():
    author = factories.programme_coordinator(factories.project())
    assert services.add_topic(by=author, name_lv="Ūdens sports").slug == "udens-sports"


def test_a_plain_participant_may_not_add_a_topic():
    with pytest.raises(PermissionDenied):
        services.add_topic(by=factories.user(), name_lv="Ūdens sports")
    assert not Topic.objects.filter(name_lv="Ūdens sports").exists()


def test_the_generated_short_address_is_made_unique():
    first = topic(name_lv="Zivsaimniecība")
    second = topic(name_en="Zivsaimnieciba")  # another name, the same letters without diacritics
    assert (first.slug, second.slug) == ("zivsaimnieciba", "zivsaimnieciba-2")
    assert topic(name_en="New").slug == "new-2"  # /topics/new/ is the form


def test_an_empty_name_is_refused_in_the_readers_language():
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.add_topic(by=None, name_lv="  ", name_lt="", name_en="")
    assert error.value.field == "name_lv" and "name in at least one language" in str(error.value)


def test_a_name_taken_in_the_same_language_is_refused_whatever_its_case():
    count = Topic.objects.count()
    with pytest.raises(DomainError) as error:
        services.add_topic(by=None, name_lv="TŪRISMS")
    assert error.value.field == "name_lv" and error.value.code == "duplicate"
    with pytest.raises(DomainError) as error:
        services.add_topic(by=None, name_en="Sports", name_lt="turizmas")
    assert error.value.field == "name_lt"
    assert Topic.objects.count() == count


def test_a_topic_cannot_go_under_one_of_its_own_narrower_topics_and_nothing_is_saved():
    culture = Topic.objects.get(slug="culture")
    museums = Topic.objects.get(slug="libraries-museums")
    below_museums = topic(name_en="Museum pedagogy", parent=museums)
    for new_parent in (museums, below_museums, culture):
        with pytest.raises(DomainError) as error:
            services.update_topic(topic=culture, by=None, name_en="Culture and arts", parent=new_parent)
        assert error.value.field == "parent" and error.value.code == "cycle"
    culture.refresh_from_db()
    assert culture.parent is None and culture.name_en == "Culture"


def test_a_topic_moves_under_another_branch():
    youth = Topic.objects.get(slug="youth")
    moved = services.update_topic(topic=youth, by=None, parent=Topic.objects.get(slug="social-services"))
    assert moved.parent.slug == "social-services"
    assert youth.pk in queries.descendant_ids(Topic.objects.get(slug="social-services"))


def test_the_author_and_administrators_may_change_a_topic_other_coordinators_may_not():
    author = coordinator()
    added = services.add_topic(by=author, name_lv="Ūdens sports")
    services.update_topic(topic=added, by=author, name_en="Water sports")
    services.update_topic(topic=added, by=factories.user(is_superuser=True), name_lt="Vandens sportas")
    with pytest.raises(PermissionDenied):
        services.update_topic(topic=added, by=coordinator(), name_lv="Pārņemts")
    added.refresh_from_db()
    assert (added.name_lv, added.name_lt, added.name_en) == ("Ūdens sports", "Vandens sportas", "Water sports")


def test_removing_every_name_is_refused():
    added = topic(name_lv="Ūdens sports")
    with pytest.raises(DomainError):
        services.update_topic(topic=added, by=None, name_lv="")
    added.refresh_from_db()
    assert added.name_lv == "Ūdens sports"


def test_a_short_address_typed_by_hand_is_checked():
    with pytest.raises(DomainError) as error:
        topic(name_en="Water sports", slug="Water sports!")
    assert error.value.field == "slug"
    with pytest.raises(DomainError) as error:
        topic(name_en="Water sports", slug="tourism")
    assert error.value.code == "duplicate"
    assert topic(name_en="Water sports", slug="water-sports").slug == "water-sports"


def test_unknown_fields_are_refused():
    with pytest.raises(DomainError):
        services.update_topic(topic=Topic.objects.get(slug="sport"), by=None, added_by=None)
