"""The activities of the five articles are recorded with their facts and shown."""

from datetime import date

from kopa.activities.models import Activity, Registration


def _activity(title_lv):
    return Activity.objects.get(title_lv=title_lv)


def _presenters(activity):
    """The demo's presenters: positions at programme items, loaded through add_programme_item."""
    return activity.contributors.filter(role="presenter", programme_item__isnull=False).select_related(
        "position__person")


def test_the_utena_visit_has_its_dates_hosts_participants_and_follow_ups(demo, client):
    visit = _activity("Pieredzes apmaiņas brauciens uz Utenu un Anīkščiem")
    assert (visit.start_date, visit.end_date) == (date(2018, 5, 29), date(2018, 5, 30))
    assert {m.name_lt for m in visit.host_municipalities.all()} == {
        "Utenos rajono savivaldybė",
        "Anykščių rajono savivaldybė",
    }
    follow_ups = sorted((f.start_date, f.end_date) for f in visit.follow_ups.all())
    assert follow_ups == [(date(2018, 6, 12), date(2018, 6, 13)), (date(2018, 6, 19), date(2018, 6, 20))]
    attended = Registration.objects.filter(activity=visit, status="attended")
    municipalities = {r.organisation.municipality.name_lv for r in attended if r.organisation.municipality}
    assert municipalities == {
        "Balvu novads",
        "Krāslavas novads",
        "Līvānu novads",
        "Riebiņu novads",
        "Viļānu novads",
        "Zilupes novads",
        "Rēzekne",
    }
    assert attended.filter(organisation__slug="latgale-planning-region").exists()
    presenters = {c.position.person.last_name for c in _presenters(visit)}
    assert {"Ringelevičienė", "Brasiūnienė", "Misiūnienė", "Pajarskienė", "Valiušis"} <= presenters
    # The article names the municipalities that took part, not the people: recorded as such, and shown.
    recorded = {p.organisation.municipality.name_lv for p in visit.participations.select_related(
        "organisation__municipality")}
    assert recorded == municipalities
    assert {t.slug for t in visit.topics.all()} >= {"culture", "tourism"}
    html = client.get(f"/en/activities/{visit.pk}/").content.decode()
    assert "recorded without names" in html
    webinar = _activity("Pašvaldību attīstības sadarbība ar Austrumu partnerības valstīm")
    assert "international-development-cooperation" in {t.slug for t in webinar.topics.all()}
    assert "International development cooperation" in client.get("/en/topics/international-development-"
                                                                  "cooperation/").content.decode()
    html = client.get(f"/lt/activities/{visit.pk}/").content.decode()
    assert "Zita Ringelevičienė" in html and "Taurapilis" in html
    assert "Patirties mainai su Kuržemės planavimo regionu" in html


def test_the_rezekne_visit_has_its_leader_formula_sites_and_photo_captions(demo, client):
    visit = _activity("Daugavpils pašvaldības darbinieku pieredzes apmaiņa Rēzeknē")
    assert visit.start_date == date(2012, 8, 31)
    assert visit.project.agreement_number == "1DP/1.5.2.2.3/11/APIA/SIF/110/71"
    assert any(c.position.person.last_name == "Stecs" for c in _presenters(visit))
    assert visit.outcomes.filter(title_lv="Projekta īstenošanas panākumu formula").exists()
    assert visit.photos.filter(is_public=True).count() == 2
    html = client.get(f"/lv/activities/{visit.pk}/").content.decode()
    assert "Radošo pakalpojumu centrs" in html and "Multifunkcionālās koncertzāles" in html


def test_the_imc0_seminar_keeps_its_uncertain_year_visible(demo, client):
    seminar = _activity("IMC-0: pirmais starppašvaldību sadarbības seminārs")
    # Stated: 11 February, no year. Bounds span the years it may lie in; 2015 is shown as an inference.
    assert (seminar.date_precision, seminar.stated_day, seminar.stated_month) == ("day_month", 11, 2)
    assert (seminar.start_date, seminar.end_date) == (date(2013, 2, 11), date(2016, 2, 11))
    assert seminar.inferred_year == 2015 and seminar.year_source == "programme_period"
    assert seminar.breakouts.count() == 3
    html = client.get(f"/en/activities/{seminar.pk}/").content.decode()
    assert "February 11 (year not stated; 2015 inferred from the programme period)" in html
    assert "2013-2016" not in html and "11/02/2015" not in html


def test_the_webinar_vote_was_won_by_preili(demo, client):
    webinar = _activity("Pašvaldību attīstības sadarbība ar Austrumu partnerības valstīm")
    assert webinar.start_date == date(2020, 12, 15) and webinar.format == "online"
    poll = webinar.polls.get()
    assert poll.entries.count() == 6 and poll.status == "closed"
    winner = max(poll.entries.all(), key=lambda e: e.ballots.count())
    assert "Preiļos" in winner.title and winner.organisation.slug == "preili-municipality"
    speakers = {c.position.person.last_name for c in _presenters(webinar)}
    assert "Trokša" in speakers


def test_lli59_indicators_count_the_demo_attendance(demo, client):
    from kopa.projects.models import Project
    from kopa.projects.queries import project_page

    page = project_page(Project.objects.get(code="LLI-59").pk)
    achieved = {row.indicator.rule: row.achieved for row in page.indicators}
    visits_held = Activity.objects.filter(project__code="LLI-59", kind="study_visit", status="closed").count()
    trained = (
        Registration.objects.filter(activity__project__code="LLI-59", activity__kind="training", status="attended")
        .values("person")
        .distinct()
        .count()
    )
    assert achieved == {"activities_held": visits_held, "distinct_participants": trained}
    assert visits_held == 1 and trained > 0


def test_the_records_cite_the_articles_they_were_made_from(demo, client):
    visit = _activity("Pieredzes apmaiņas brauciens uz Utenu un Anīkščiem")
    page = client.get(f"/lv/activities/{visit.pk}/").content.decode()
    assert "Latgales pašvaldību pārstāvji devās pieredzes apmaiņā uz Lietuvu" in page
    seminar = _activity("IMC-0: pirmais starppašvaldību sadarbības seminārs")
    cited = client.get(f"/api/citations?record=activities.activity&id={seminar.pk}").json()["items"]
    assert [c["source"]["title"] for c in cited] == ["IMC-0 Noslēdzies pirmais Starp-Pašvaldības Sadarbības seminārs"]
    assert cited[0]["source"]["language"] == "lv"


def test_names_as_the_articles_wrote_them_are_kept_and_found(demo, client):
    from kopa.directory.models import Organisation

    utena = Organisation.objects.get(slug="utena-district-municipality")
    assert "Utenas rajona pašvaldības administrācijas" in [v.name for v in utena.variants.all()]
    assert "Utenas rajona pašvaldības administrācijas" in client.get(utena.get_absolute_url()).content.decode()
    assert Organisation.objects.get(slug="euroregion-country-of-lakes-lt").kind == "euroregion"
