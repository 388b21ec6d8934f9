"""Exchange rates of the currencies with no fixed rate to the euro: read by anyone, added by coordinators."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema, Status

from kopa.api.auth import write_auth

from .. import services
from ..models import ExchangeRate

router = Router(tags=["exchange rates"])


class RateOut(Schema):
    currency: str
    date: date
    rate: Decimal  # units of the currency per euro
    source: str


class RateIn(Schema):
    currency: str
    date: date
    rate: Decimal
    source: str


@router.get("/exchange-rates", response=list[RateOut])
def list_rates(request, currency: str = ""):
    rates = ExchangeRate.objects.order_by("currency", "-date", "-pk")
    return rates.filter(currency=currency) if currency else rates


@router.post("/exchange-rates", response={201: RateOut}, auth=write_auth)
def add_rate(request, payload: RateIn):
    return Status(201, services.add_exchange_rate(by=request.auth, **payload.dict()))
