"""The demo is the five source articles: every fact in them is recorded, shown and loaded once."""

from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.db.models import Count

from kopa.directory.models import Municipality, Organisation, Person, PopulationFigure
from kopa.projects.models import Partnership, Project
from tests.conftest import REFERENCE_FILES


def _counts():
    models = (Municipality, PopulationFigure, Organisation, Person, Project, Partnership)
    return {model.__name__: model.objects.count() for model in models}


def test_loading_the_demo_twice_adds_nothing(demo):
    before = _counts()
    call_command("demo", reference=[str(p) for p in REFERENCE_FILES], stdout=open("/dev/null", "w"))
    assert _counts() == before


def test_lli59_is_recorded_as_the_article_gives_it(demo):
    project = Project.objects.get(code="LLI-59")
    assert project.acronym == "Open Leadership"
    assert (project.start_date, project.end_date) == (date(2017, 5, 1), date(2019, 4, 30))
    assert project.total_amount == Decimal("382667.64") and project.total_currency == "EUR"
    erdf = project.funding_shares.get(fund__code="ERDF")
    assert erdf.amount == Decimal("325267.50")
    assert "Interreg V-A" in project.programme.name_en
    lead = project.partnerships.get(role="lead_partner")
    partner = project.partnerships.get(role="partner")
    assert lead.organisation.country.code == "LT" and partner.organisation.name_lv == "Latgales plānošanas reģions"
    associated = project.partnerships.filter(role="associated").values("brought_in_by").annotate(n=Count("pk"))
    assert {row["brought_in_by"]: row["n"] for row in associated} == {lead.pk: 7, partner.pk: 10}
    municipalities = set(
        project.partnerships.filter(role="associated").values_list("organisation__municipality__code", flat=True)
    )
    assert None not in municipalities and len(municipalities) == 17


def test_the_other_three_projects_of_the_articles_are_recorded(demo):
    daugavpils = Project.objects.get(agreement_number="1DP/1.5.2.2.3/11/APIA/SIF/110/71")
    assert daugavpils.total_amount == Decimal("24415.44") and daugavpils.total_currency == "LVL"
    assert (daugavpils.start_date, daugavpils.end_date) == (date(2012, 4, 1), date(2013, 1, 31))
    esf = daugavpils.funding_shares.get(fund__code="ESF")
    assert esf.amount == Decimal("24415.44") and esf.currency == "LVL"
    assert Project.objects.get(code="4.3-24/NFI/INP-002").funding_shares.filter(fund__code="NFM").exists()
    ec_projects = Project.objects.filter(funding_shares__fund__code="EC")
    assert ec_projects.filter(partnerships__organisation__short_name="LPS").exists()


def test_the_people_of_the_articles_have_their_positions(demo):
    ringeleviciene = Person.objects.get(last_name="Ringelevičienė")
    position = ringeleviciene.positions.get()
    assert position.organisation.municipality.name_lt == "Utenos rajono savivaldybė"
    for last_name in ("Brasiūnienė", "Misiūnienė", "Pajarskienė", "Stecs", "Trokša", "Kaupuža", "Jermolajeva"):
        assert Person.objects.get(last_name=last_name).positions.exists()


def test_the_home_page_lists_lli59(demo, client):
    html = client.get("/lv/").content.decode()
    assert "LLI-59" in html
