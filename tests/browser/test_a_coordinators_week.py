"""A planning region's week, as the demo coordinator does it in Kopā's own pages (no back-office page is opened):
a new project with partners, funding and an indicator; a three-day study visit with programme, a parallel group
and a quota; a copy of it for next year; registration opened; two colleagues registered (one new, added by name
and e-mail); the one the quota kept waiting given a seat and confirmed in bulk; check-in on the day; closing; and
the indicator moves on the project page, which lists the visit."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from kopa.activities.models import Activity, Registration
from kopa.demo import facts
from kopa.directory.models import Organisation, Person
from kopa.projects.models import Fund, Project

pytestmark = [pytest.mark.browser]

TITLE = "Pieredzes brauciens uz Utenu"


def _submit(page, form):
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def _indicator(page, base, project):
    page.goto(f"{base}/projects/{project.pk}/")
    row = page.locator("section[aria-labelledby=indicators-heading] tbody tr").first
    return row.locator("td").nth(1).inner_text().replace("\u00a0", " ")


def test_a_coordinators_week_in_kopas_own_pages(transactional_demo, live_server, page):
    back_office = []
    page.on("request", lambda request: back_office.append(request.url) if "/admin/" in request.url else None)
    base = f"{live_server.url}/lv"
    today = timezone.localdate()
    lead = Organisation.objects.get(slug=facts.DEMO_PARTNER_ORGANISATION)
    colleague = Person.objects.filter(positions__organisation=lead).order_by("pk").first()
    partner = Organisation.objects.filter(country__code="LT").exclude(pk=lead.pk).order_by("pk").first()

    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill("coordinator")
    page.locator("input[name=password]").fill(facts.DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/lv/my-work/")

    # A new project: its facts, two partners picked by typing their names, funding and an indicator.
    page.goto(f"{base}/projects/new/")
    form = page.locator("main form")
    form.locator("input[name=project-code]").fill("NEDĒĻA-1")
    form.locator("input[name=project-title_lv]").fill("Pašvaldību sadarbības nedēļa")
    form.locator("input[name=project-start_date]").fill(today.replace(day=1).isoformat())
    form.locator("input[name=project-end_date]").fill((today + timedelta(days=700)).isoformat())
    _submit(page, form)
    project = Project.objects.get(code="NEDĒĻA-1")
    for organisation, role in ((lead, "lead_partner"), (partner, "partner")):
        page.goto(f"{base}/projects/{project.pk}/add/partner/")
        form = page.locator("main form")
        form.locator("input[name=organisation]").fill(organisation.name)
        form.locator("select[name=role]").select_option(role)
        _submit(page, form)
    assert set(project.partnerships.values_list("organisation", flat=True)) == {lead.pk, partner.pk}
    page.goto(f"{base}/projects/{project.pk}/edit/")
    funding = page.locator("form[aria-labelledby=funding-form-heading]")
    funding.locator("select[name=funding-fund]").select_option(str(Fund.objects.order_by("pk").first().pk))
    funding.locator("input[name=funding-amount]").fill("8000")
    _submit(page, funding)
    assert project.funding_shares.count() == 1
    page.goto(f"{base}/projects/{project.pk}/add/indicator/")
    form = page.locator("main form")
    form.locator("input[name=name_lv]").fill("Darbinieki, kas piedalījās")
    form.locator("input[name=unit_lv]").fill("cilv.")
    form.locator("select[name=rule]").select_option("distinct_participants")
    form.locator("input[name=target]").fill("10")
    _submit(page, form)
    assert _indicator(page, base, project).startswith("0")

    # A three-day study visit starting today: programme, a parallel group, a quota for the lead partner.
    page.goto(f"{base}/activities/new/")
    form = page.locator("main form")
    form.locator("select[name=kind]").select_option("study_visit")
    form.locator("input[name=title_lv]").fill(TITLE)
    form.locator("input[name=project]").fill(project.code)  # a picker: the coordinator types the code
    form.locator("select[name=date_precision]").select_option("day")
    form.locator("input[name=start_date]").fill(today.isoformat())
    form.locator("input[name=end_date]").fill((today + timedelta(days=2)).isoformat())
    form.locator("input[name=capacity]").fill("20")
    form.locator("input[name=registration_deadline]").fill(f"{(today + timedelta(days=1)).isoformat()}T18:00")
    _submit(page, form)
    visit = Activity.objects.get(title_lv=TITLE)
    page.goto(f"{base}/activities/{visit.pk}/programme/")
    for offset, title in ((0, "Utenos bibliotēka"), (1, "Molėtu kultūras centrs")):
        form = page.locator("form:has(input[name=form][value=item])")
        form.locator("input[name=i-day]").fill((today + timedelta(days=offset)).isoformat())
        form.locator("input[name=i-title_lv]").fill(title)
        _submit(page, form)
    assert visit.programme.count() == 2
    page.goto(f"{base}/activities/{visit.pk}/groups/")
    form = page.locator("form:has(input[name=form][value=breakout])")
    form.locator("input[name=b-theme_lv]").fill("Tūrisms")
    form.locator("input[name=b-capacity]").fill("10")
    _submit(page, form)
    form = page.locator("form:has(input[name=form][value=quota])")
    form.locator("input[name=q-organisation]").fill(lead.name)
    form.locator("input[name=q-seats]").fill("1")
    _submit(page, form)
    assert visit.breakouts.count() == 1 and visit.quotas.get().seats == 1

    # Copied for next year: the plan moves, nothing that happened does.
    page.goto(f"{base}/activities/{visit.pk}/copy/")
    form = page.locator("main form")
    next_year = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else \
        today + timedelta(days=365)
    form.locator("input[name=start_date]").fill(next_year.isoformat())
    _submit(page, form)
    copy = Activity.objects.exclude(pk=visit.pk).get(title_lv=TITLE)
    assert copy.start_date == next_year and copy.programme.count() == 2 and copy.breakouts.count() == 1

    # Registration opens; two colleagues: one from the directory, one new by name and e-mail.
    page.goto(f"{base}/activities/{visit.pk}/")
    with page.expect_navigation():
        page.locator("button[name=status][value=open]").click()
    page.goto(f"{base}/activities/{visit.pk}/registrations/")
    page.locator("input[name=find]").fill(colleague.last_name)
    with page.expect_navigation():
        page.locator("main form:has(input[name=find]) button[type=submit]").click()
    found = page.locator("main form:has(select[name=person])")
    found.locator("select[name=person]").select_option(str(colleague.pk))  # the match, offered to pick
    _submit(page, found)
    form = page.locator("form:has(input[name=form][value=new])")
    form.locator("input[name=new-first_name]").fill("Rūta")
    form.locator("input[name=new-last_name]").fill("Jaunkalniņa")
    form.locator("input[name=new-email]").fill("ruta.jaunkalnina@example.lv")
    organisation_field = form.locator("[name=new-organisation]")
    if organisation_field.evaluate("el => el.tagName") == "SELECT":
        organisation_field.select_option(str(lead.pk))
    else:
        organisation_field.fill(lead.name)
    form.locator("input[name=new-position_title]").fill("Attīstības nodaļas vadītāja")
    _submit(page, form)
    newcomer = Person.objects.get(last_name="Jaunkalniņa")
    assert newcomer.email == "ruta.jaunkalnina@example.lv"
    statuses = dict(visit.registrations.values_list("person__last_name", "status"))
    assert statuses == {colleague.last_name: "confirmed", "Jaunkalniņa": "waitlisted"}  # the quota held

    # The quota raised: the freed seat is offered to her; the offer is confirmed in bulk.
    page.goto(f"{base}/activities/{visit.pk}/groups/")
    form = page.locator("form:has(input[name=form][value=quota])")
    form.locator("input[name=q-organisation]").fill(lead.name)
    form.locator("input[name=q-seats]").fill("2")
    _submit(page, form)
    waiting = visit.registrations.get(person=newcomer)
    assert waiting.status == Registration.Status.PENDING
    page.goto(f"{base}/activities/{visit.pk}/registrations/")
    page.locator(f"#selected-{waiting.pk}").check()
    with page.expect_navigation():
        page.locator("button[form=bulk-form][value=confirm]").click()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED

    # On the day: both checked in (one by their button, one ticked), then the visit is closed.
    first = visit.registrations.get(person=colleague)
    with page.expect_navigation():
        page.locator(f"form:has(input[name=action][value=check_in]) button:has-text('{colleague}')").first.click()
    page.locator(f"#selected-{waiting.pk}").check()
    with page.expect_navigation():
        page.locator("button[form=bulk-form][value=attend]").click()
    assert set(visit.registrations.values_list("status", flat=True)) == {Registration.Status.ATTENDED}
    first.refresh_from_db()
    page.goto(f"{base}/activities/{visit.pk}/close/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    visit.refresh_from_db()
    assert visit.status == Activity.Status.CLOSED

    # The project page: the indicator moved by the two who attended, and the visit (and its copy) are listed.
    assert _indicator(page, base, project).startswith("2")
    activities = page.locator("section[aria-labelledby=project-activities-heading]")
    assert activities.get_by_role("link", name=TITLE).count() == 2
    assert not back_office, back_office
    assert get_user_model().objects.get(username="coordinator").last_login is not None
