import pytest

from kopa.topics.models import Topic

pytestmark = pytest.mark.django_db

EXPECTED = {
    "tourism", "culture", "education", "social-services", "health", "youth", "e-government-it",
    "municipal-finance", "waste-water", "spatial-development-planning", "entrepreneurship", "civil-protection",
    "environment", "transport", "public-administration", "quality-lean", "cross-border-cooperation", "sport",
    "agriculture-rural-development", "energy", "housing-utilities", "international-development-cooperation",
    "creative-industries", "libraries-museums",
}


def test_the_seeded_vocabulary_is_there_in_three_languages():
    seeded = {t.slug: t for t in Topic.objects.all()}
    assert EXPECTED <= set(seeded)
    for topic in seeded.values():
        assert topic.name_lv and topic.name_lt and topic.name_en, topic.slug
    assert (seeded["tourism"].name_lv, seeded["tourism"].name_lt, seeded["tourism"].name_en) == (
        "Tūrisms", "Turizmas", "Tourism")
    assert seeded["e-government-it"].name_lt == "E. valdžia ir IT"


def test_seeded_topics_have_their_broader_topics_and_synonyms():
    assert Topic.objects.get(slug="creative-industries").parent.slug == "culture"
    assert Topic.objects.get(slug="libraries-museums").parent.slug == "culture"
    assert Topic.objects.get(slug="waste-water").parent.slug == "environment"
    assert Topic.objects.get(slug="quality-lean").parent.slug == "public-administration"
    assert "Interreg" in Topic.objects.get(slug="cross-border-cooperation").synonym_list
    assert not Topic.objects.filter(added_by__isnull=False).exists()


@pytest.mark.django_db
def test_the_demo_puts_back_a_vocabulary_an_emptied_database_lost():
    from kopa.topics.vocabulary import ensure_vocabulary

    Topic.objects.filter(parent__isnull=False).delete()
    Topic.objects.all().delete()
    assert ensure_vocabulary() == 34
    culture = Topic.objects.get(slug="creative-industries").parent
    assert (culture.name_lv, culture.name_lt, culture.name_en) == ("Kultūra", "Kultūra", "Culture")
    assert ensure_vocabulary() == 0
