"""The compliance page counts and pages in the database (`compliance.lacking`) what `compliance.problems` explains
in words: the two must give the same answer for every article, or the page and the publish check disagree."""

import pytest

from kopa.activities.models import Material, Photo
from kopa.projects.funding import statements_for
from kopa.projects.models import FundingShare, FundingStatement
from kopa.publications import compliance
from kopa.publications.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def _statement(owner, key, **fields):
    owner_field = "fund" if owner.__class__.__name__ == "Fund" else "programme"
    return FundingStatement.objects.create(**{owner_field: owner}, key=key, on_articles=True, **fields)


@pytest.fixture
def cases():
    """Articles of every kind the rule tells apart, with what `problems` should find in each."""
    funded = factories.project(code="F-1")
    _statement(funded.programme, "funding", text_lv="Līdzfinansē ES", text_lt="Bendrai finansuoja ES",
               text_en="Co-funded by the EU")
    disclaimer = _statement(funded.programme, "disclaimer", text_lv="Atruna", text_en="Disclaimer")  # no Lithuanian
    unfunded = factories.project(code="U-1", programme=None)
    by_fund = factories.project(code="N-1", programme=None)
    fund = factories.fund("NORWAY")
    FundingShare.objects.create(project=by_fund, fund=fund)
    _statement(fund, "norway", text_lv="Norvēģijas finansējums", text_lt="Norvegijos finansavimas", text_en="Norway")
    logo_missing = factories.project(code="L-1", programme=None)
    other_fund = factories.fund("EEA")
    FundingShare.objects.create(project=logo_missing, fund=other_fund)
    _statement(other_fund, "eea", text_lv="EEZ", text_lt="EEE", text_en="EEA", logo_required=True)

    activity = factories.activity(project=funded)
    consented = factories.employee(factories.organisation(), photo_consent=True)
    refusing = factories.employee(factories.organisation(), photo_consent=False)

    def photo(alt="Apraksts", public=True, people=()):
        made = Photo.objects.create(activity=activity, caption="Foto", alt_text_lv=alt, is_public=public)
        made.people.set(people)
        return made

    def article(slug, *, project=None, of_activity=None, statements=None, titles=None, gallery=(), lead=None):
        titles = {"lv": slug} if titles is None else titles
        made = Article.objects.create(slug=slug, project=project, activity=of_activity, lead_photo=lead,
                                      **{f"title_{code}": text for code, text in titles.items()})
        target = project or (of_activity.project if of_activity else None)
        made.statements.set(statements_for(target, compliance.ARTICLES) if statements is None else statements)
        made.gallery.set(gallery)
        return made

    all_of_funded = list(FundingStatement.objects.filter(programme=funded.programme))
    return [
        article("pilns", project=funded),
        article("bez-atrunas", project=funded, statements=[s for s in all_of_funded if s != disclaimer]),
        article("lietuviski", project=funded, titles={"lt": "Straipsnis"}),  # the disclaimer has no Lithuanian
        article("bez-virsraksta", project=funded, titles={}),
        article("caur-aktivitati", of_activity=activity),
        article("caur-aktivitati-bez", of_activity=activity, statements=[]),
        article("foto-bez-apraksta", project=funded, gallery=[photo(alt="")]),
        article("foto-ar-piekrisanu", project=funded, gallery=[photo(people=[consented])]),
        article("foto-ar-atteikumu", project=funded, gallery=[photo(people=[consented, refusing])]),
        article("galvenais-foto-nepublisks", project=funded, lead=photo(public=False)),
        article("galvenais-foto-labs", project=funded, lead=photo()),
        article("nefinansets", project=unfunded, statements=[]),
        article("nefinansets-bez-virsraksta", project=unfunded, titles={}, statements=[]),
        article("bez-projekta", titles={}),
        article("fonds", project=by_fund),
        article("fonds-bez", project=by_fund, statements=[]),
        article("bez-logo", project=logo_missing),
        # Its own project decides, not its activity's.
        article("projekts-un-aktivitate", project=by_fund, of_activity=activity),
    ]


def test_the_database_filter_finds_exactly_the_articles_problems_finds_something_in(cases):
    required = {a.slug: statements_for(compliance.project_of(a), compliance.ARTICLES) for a in cases}
    # The compliance page is about what funders require: an unfunded article with no title is not on it.
    explained = {a.slug for a in cases if required[a.slug] and compliance.problems(a, required[a.slug])}
    assert explained == {"bez-atrunas", "lietuviski", "bez-virsraksta", "caur-aktivitati-bez", "foto-bez-apraksta",
                         "foto-ar-atteikumu", "galvenais-foto-nepublisks", "fonds-bez", "bez-logo"}
    assert set(compliance.lacking(Article.objects.all()).values_list("slug", flat=True)) == explained


def test_the_page_s_rows_say_what_each_lacks_and_a_withdrawn_consent_shows_at_once(cases):
    admin = factories.user(is_superuser=True)
    rows = {row["article"].slug: row["problems"] for row in compliance.rows(compliance.articles_lacking(admin))}
    assert set(rows) == {a.slug for a in compliance.lacking(Article.objects.all())}
    assert all(rows.values())
    person = Photo.objects.get(articles__slug="foto-ar-piekrisanu").people.get()
    person.photo_consent = False
    person.save()
    assert compliance.lacking(Article.objects.filter(slug="foto-ar-piekrisanu")).exists()


def test_materials_of_projects_whose_funders_ask_for_a_statement_are_listed_until_confirmed(cases):
    funded_activity = factories.activity(project=Article.objects.get(slug="pilns").project)
    unfunded_activity = factories.activity(project=Article.objects.get(slug="nefinansets").project)
    lacking = Material.objects.create(activity=funded_activity, title="Prezentācija", link="https://example.lv/a")
    Material.objects.create(activity=funded_activity, title="Apstiprināta", link="https://example.lv/b",
                            carries_statement=True)
    Material.objects.create(activity=unfunded_activity, title="Bez prasībām", link="https://example.lv/c")
    admin = factories.user(is_superuser=True)
    assert list(compliance.materials_lacking(admin)) == [lacking]
