"""Money in any currency on project pages, exports, the API and the back office — one rule for all."""

import base64
from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation

from kopa.core.errors import DomainError
from kopa.projects import checks, services
from kopa.projects.admin import FundingShareInline
from kopa.projects.models import ExchangeRate, FundingShare, Project
from tests import factories

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"
MILLION_LITAS = f"1{NBSP}000{NBSP}000{NBSP}Lt = 289{NBSP}620,02{NBSP}€"


def _basic(user):
    token = base64.b64encode(f"{user.username}:pw-test-123".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_a_million_litas_shows_with_its_euro_value_on_the_page_in_the_export_and_in_the_api(client):
    project = factories.project(code="LT-1", total=Decimal("1000000"), currency="LTL")
    html = client.get(f"/lt/projects/{project.pk}/").content.decode()
    assert MILLION_LITAS in html
    assert "3,4528" in html  # the fixed rate is named beside the amounts
    data = client.get(f"/api/projects/{project.pk}", HTTP_ACCEPT_LANGUAGE="lt").json()
    assert data["total_text"] == MILLION_LITAS
    assert Decimal(data["total_eur"]) == Decimal("289620.02") and data["total_currency"] == "LTL"
    csv = b"".join(client.get("/lt/projects/export/?format=csv").streaming_content).decode("utf-8-sig")
    assert MILLION_LITAS in csv and "289620.02" in csv
    xlsx = client.get("/lt/projects/export/")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_coordinator_enters_a_dated_rate_and_a_nok_amount_shows_it(client):
    project = factories.project(total=None)
    coordinator = factories.programme_coordinator(project)
    client.force_login(coordinator)
    response = client.post("/en/projects/rates/", {"currency": "NOK", "date": "2024-03-01", "rate": "11.56",
                                                   "source": "Norges Bank"})
    assert response.status_code == 302
    rate = ExchangeRate.objects.get()
    assert rate.entered_by == coordinator and rate.rate == Decimal("11.56")
    services.update_project(project=project, by=coordinator, total_amount=Decimal("100000"), total_currency="NOK")
    project.refresh_from_db()
    assert project.total_rate == rate and project.total_eur == Decimal("8650.52")
    html = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "NOK100,000 = €8,650.52 (11.56 NOK per euro on 1 March 2024, Norges Bank)" in html
    data = client.get(f"/api/projects/{project.pk}").json()
    assert data["total_rate"] == {"currency": "NOK", "date": "2024-03-01", "rate": "11.560000",
                                  "source": "Norges Bank"}


def test_a_nok_amount_with_no_rate_entered_is_refused():
    project = factories.project(total=None)
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.update_project(project=project, total_amount=Decimal("100"), total_currency="NOK")
    assert error.value.field == "total_currency" and "enter a dated rate" in str(error.value)
    project.refresh_from_db()
    assert project.total_amount is None


def test_a_rate_of_zero_is_refused_with_a_translated_message_and_nothing_saved(client):
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    client.force_login(coordinator)
    html = client.post("/lv/projects/rates/", {"currency": "NOK", "date": "2024-03-01", "rate": "0",
                                               "source": "Norges Bank"}).content.decode()
    with translation.override("lv"):
        assert str(translation.gettext("A rate is a number greater than zero.")) in html
    assert 'aria-invalid="true"' in html
    response = client.post("/api/exchange-rates", {"currency": "NOK", "date": "2024-03-01", "rate": "-1",
                                                   "source": "x"}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and response.json()["field"] == "rate"
    response = client.post("/api/exchange-rates", {"currency": "LTL", "date": "2024-03-01", "rate": "3",
                                                   "source": "x"}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and "fixed rate" in response.json()["detail"]
    assert not ExchangeRate.objects.exists()


def test_an_unknown_currency_is_refused_and_nothing_saved(client):
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    factories.fund("ERDF")
    response = client.put(f"/api/projects/{project.pk}/funding/ERDF", {"amount": "10", "currency": "XYZ"},
                          content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **_basic(coordinator))
    assert response.status_code == 400 and response.json() == {"detail": "Unknown currency.", "field": "currency"}
    assert not FundingShare.objects.exists()
    with pytest.raises(DomainError):
        factories.project(code="BAD-1", currency="XYZ")
    assert not Project.objects.filter(code="BAD-1").exists()


def _admin_formset(project, rows):
    request = RequestFactory().post("/")
    request.user = factories.user(is_superuser=True, is_staff=True)
    inline = FundingShareInline(Project, admin.site)
    formset_class = inline.get_formset(request, project)
    data = {"funding_shares-TOTAL_FORMS": str(len(rows)), "funding_shares-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"funding_shares-{index}-{key}": value for key, value in row.items()})
    return formset_class(data, instance=project, prefix="funding_shares")


def test_the_back_office_keeps_the_services_rule_on_funding_shares():
    project = factories.project(total=Decimal("1000.00"))
    erdf, nfm = factories.fund("ERDF"), factories.fund("NFM")
    # The back office used to let 1000.01 € pass on a 1000 € total (half a cent per row), and shares over 100 %.
    over = _admin_formset(project, [{"fund": erdf.pk, "amount": "600.00", "currency": "EUR"},
                                    {"fund": nfm.pk, "amount": "400.01", "currency": "EUR"}])
    assert not over.is_valid()
    with pytest.raises(DomainError):
        checks.check_shares_fit(project.total, [(f.instance.money, None) for f in over.forms])
    percent = _admin_formset(project, [{"fund": erdf.pk, "percentage": "60", "currency": "EUR"},
                                       {"fund": nfm.pk, "percentage": "50", "currency": "EUR"}])
    assert not percent.is_valid()
    fits = _admin_formset(project, [{"fund": erdf.pk, "amount": "600.00", "currency": "EUR"},
                                    {"fund": nfm.pk, "amount": "400.00", "currency": "EUR"}])
    assert fits.is_valid(), fits.non_form_errors()


def test_a_project_with_a_lats_total_and_euro_shares_follows_the_one_rule():
    project = factories.project(total=Decimal("1000.00"), currency="LVL")  # 1422.87 €
    services.set_funding_share(project=project, fund=factories.fund("ERDF"), amount=Decimal("1422.87"))
    with pytest.raises(DomainError):
        services.set_funding_share(project=project, fund=factories.fund("ERDF"), amount=Decimal("1422.88"))
    assert project.funding_shares.get().amount == Decimal("1422.87")


def test_changing_the_currency_takes_that_currencys_own_rate():
    coordinator = factories.partner_coordinator(factories.organisation())
    nok = services.add_exchange_rate(currency="NOK", date=date(2024, 3, 1), rate=Decimal("11.56"),
                                     source="Norges Bank", by=coordinator)
    chf = services.add_exchange_rate(currency="CHF", date=date(2024, 3, 1), rate=Decimal("0.95"), source="SNB",
                                     by=coordinator)
    project = factories.project(total=Decimal("1000"), currency="NOK")
    assert project.total_rate == nok
    services.update_project(project=project, total_currency="CHF")
    project.refresh_from_db()
    assert project.total_rate == chf and project.total_eur == Decimal("1052.63")
    services.update_project(project=project, total_currency="LTL")
    project.refresh_from_db()
    assert project.total_rate is None and project.total_eur == Decimal("289.62")
