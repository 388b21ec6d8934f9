"""Coordinators record what texts say about a project and a programme on Kopā's own pages (no back office)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kopa.projects import services
from kopa.projects.models import Output, Partnership, ProgrammeBody, ReportedAchievement
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_an_output_with_a_file_on_the_page(client):
    project = factories.project()
    client.force_login(factories.programme_coordinator(project))
    upload = SimpleUploadedFile("study.pdf", b"%PDF-1.4 study", content_type="application/pdf")
    response = client.post(f"/en/projects/{project.pk}/add/output/", {
        "kind": "study", "title_en": "Study of commuting", "date_precision": "year", "year_from": "2019",
        "file": upload})
    assert response.status_code == 302, response.content.decode()
    output = Output.objects.get()
    assert output.start_date == date(2019, 1, 1) and output.end_date == date(2019, 12, 31)
    assert output.attachments.get().file.name.endswith(".pdf")
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Study of commuting" in html and "2019" in html


def test_an_output_of_a_file_type_we_do_not_take_is_refused_and_nothing_saved(client):
    project = factories.project()
    client.force_login(factories.programme_coordinator(project))
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(f"/lv/projects/{project.pk}/add/output/", {
        "kind": "tool", "title_lv": "Rīks", "date_precision": "unknown", "file": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "form-errors" in html and "“exe”" in html  # Django's own message
    assert not Output.objects.exists()


def test_a_coordinator_records_a_reported_result_and_a_name_variant(client):
    project = factories.project()
    client.force_login(factories.programme_coordinator(project))
    assert client.post(f"/en/projects/{project.pk}/add/achievement/", {
        "qualifier": "about", "value": "120", "what_en": "specialists reached", "source": "press release"}
    ).status_code == 302
    assert ReportedAchievement.objects.get().qualifier == "about"
    assert client.post(f"/en/projects/{project.pk}/add/alias/", {"name": "Atvērtā līderība",
                                                                 "kind": "translation"}).status_code == 302
    html = client.get(project.get_absolute_url()).content.decode()
    assert "about 120 specialists reached" in html and "Atvērtā līderība" in html
    response = client.post(f"/en/projects/{project.pk}/add/alias/", {"name": "ATVĒRTĀ LĪDERĪBA",
                                                                     "kind": "spelling"})
    assert "already recorded" in response.content.decode() and project.aliases.count() == 1
    other = factories.project()
    assert client.get(f"/en/projects/{other.pk}/add/output/").status_code == 403


def test_a_coordinator_records_a_partners_own_budget_and_agreement(client):
    project = factories.project(total=Decimal("100000"))
    partner = services.add_partner(project=project, organisation=factories.organisation(), role="partner")
    client.force_login(factories.programme_coordinator(project))
    url = f"/en/projects/{project.pk}/partners/{partner.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"budget_amount": "20000", "budget_currency": "EUR", "budget_share": "20",
                                 "agreement_number": "PP-7", "agreement_date": "2018-02-01"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.budget_amount == Decimal("20000") and partner.agreement_date == date(2018, 2, 1)
    response = client.post(url, {"budget_amount": "5", "budget_currency": "EUR", "budget_share": "150"})
    assert "between 0 and 100" in response.content.decode()
    assert Partnership.objects.get(pk=partner.pk).budget_share == Decimal("20")


def test_the_coordinator_who_added_a_programme_records_its_facts_on_the_page(client):
    coordinator = factories.partner_coordinator(factories.organisation())
    programme = services.add_programme(by=coordinator, names={"en": "Latvia–Lithuania Cross Border"},
                                       confirm_new=True)
    secretariat = factories.organisation(name="Kopīgais sekretariāts")
    client.force_login(coordinator)
    url = f"/en/projects/programmes/{programme.code}/edit/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "facts", "facts-description_en": "Cooperation across the border.",
                             "facts-start_year": "2014", "facts-end_year": "2020"}).status_code == 302
    assert client.post(url, {"action": "body", "body-organisation": secretariat.pk,
                             "body-role": "joint_secretariat"}).status_code == 302
    assert client.post(url, {"action": "call", "call-title_en": "Third call", "call-start_date": "2017-01-10",
                             "call-end_date": "2017-03-10", "call-amount": "1000000",
                             "call-currency": "LTL"}).status_code == 302
    response = client.post(url, {"action": "call", "call-title_en": "Backwards", "call-start_date": "2017-03-10",
                                 "call-end_date": "2017-01-10", "call-currency": "EUR"})
    assert "The end date is before the start date." in response.content.decode()
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Cooperation across the border." in html and "Third call" in html
    assert "Lt1,000,000 = €289,620.02" in html and "joint secretariat" in html.lower()
    assert ProgrammeBody.objects.get().organisation == secretariat
    # Someone else's unreviewed programme is not theirs to change.
    assert client.get(f"/en/projects/programmes/{factories.programme().code}/edit/").status_code == 403


def test_an_administrator_marks_additions_reviewed_in_the_back_office(client):
    coordinator = factories.partner_coordinator(factories.organisation())
    programme = services.add_programme(by=coordinator, names={"en": "Small grants"}, confirm_new=True)
    admin = factories.user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post("/en/admin/projects/programme/", {"action": "mark_reviewed",
                                                          "_selected_action": [programme.pk]})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.reviewed_by == admin and not programme.awaiting_review
