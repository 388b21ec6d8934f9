"""One conversion and rounding rule for every currency: fixed euro rates exactly, other currencies at a dated rate."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from kopa.core import money
from kopa.core.money import Amount

NBSP = "\u00a0"


@pytest.mark.parametrize(("code", "rate"), [
    ("LVL", "0.702804"), ("LTL", "3.4528"), ("EEK", "15.6466"), ("DEM", "1.95583"), ("FRF", "6.55957"),
    ("ITL", "1936.27"), ("ATS", "13.7603"), ("BEF", "40.3399"), ("ESP", "166.386"), ("FIM", "5.94573"),
    ("IEP", "0.787564"), ("NLG", "2.20371"), ("PTE", "200.482"), ("GRD", "340.750"), ("SIT", "239.640"),
    ("CYP", "0.585274"), ("MTL", "0.429300"), ("SKK", "30.1260"), ("HRK", "7.53450"), ("LUF", "40.3399"),
])
def test_the_currencies_the_euro_replaced_convert_at_their_fixed_rate(code, rate):
    assert money.FIXED_PER_EUR[code] == Decimal(rate)
    assert not money.needs_rate(code)
    assert money.to_eur(Decimal(rate) * 1000, code) == Decimal("1000.00")


def test_a_million_litas_is_289_620_02_euros_in_every_language():
    million = Amount(Decimal("1000000"), "LTL")
    assert million.eur == Decimal("289620.02")
    for language in ("lt", "lv"):
        assert money.amount_text(million, language) == f"1{NBSP}000{NBSP}000{NBSP}Lt = 289{NBSP}620,02{NBSP}€"
    assert money.amount_text(million, "en") == "Lt1,000,000 = €289,620.02"


def test_rounding_is_once_half_up_on_the_exact_sum():
    # 0.01 LVL is 0.0142288… €: each part rounded gives 0.01 €, yet three of them are 0.04 €, not 0.03 €.
    cents = [Amount(Decimal("0.01"), "LVL")] * 3
    assert [c.eur for c in cents] == [Decimal("0.01")] * 3
    assert money.sum_eur(cents) == Decimal("0.04")
    assert money.round_eur(Decimal("0.005")) == Decimal("0.01")  # half up, not to even


def test_parts_in_the_totals_currency_are_compared_as_entered():
    total = Amount(Decimal("1000.00"), "LVL")
    assert not money.exceeds(total, [Amount(Decimal("0.06"), "LVL"), Amount(Decimal("999.94"), "LVL")])
    assert money.exceeds(total, [Amount(Decimal("1000.01"), "LVL")])
    # Across currencies, in euros: 1000 LVL = 1422.87 €.
    assert not money.exceeds(total, [Amount(Decimal("1422.87"), "EUR")])
    assert money.exceeds(total, [Amount(Decimal("1422.88"), "EUR")])


def test_a_currency_with_no_fixed_rate_needs_a_dated_rate_and_shows_it():
    with pytest.raises(money.MissingRate):
        money.to_eur(Decimal(100), "NOK")
    rate = SimpleNamespace(rate=Decimal("11.56"), date=date(2024, 3, 1), source="Norges Bank")
    amount = Amount(Decimal("100000"), "NOK", rate)
    assert amount.eur == Decimal("8650.52")
    with translation.override("en"):
        assert str(amount) == "NOK100,000 = €8,650.52 (11.56 NOK per euro on 1 March 2024, Norges Bank)"
    assert "no rate" in money.amount_text(Amount(Decimal(5), "CHF"), "en")


def test_euros_show_cents_only_where_there_are_cents():
    assert money.amount_text(Amount(Decimal("382667.64")), "lv") == f"382{NBSP}667,64{NBSP}€"
    assert money.amount_text(Amount(Decimal("1000")), "en") == "€1,000"
