"""Lasting ties between organisations: twin towns, partnership and cooperation agreements, memberships, and
"preparing a joint project with"."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError
from kopa.core.files import document_validators
from kopa.core.review import mark_added

from ..models import Organisation, Relationship
from . import _check_period, _check_website
from .additions import _require_adder


@audited
def add_relationship(*, by, first: Organisation, second: Organisation, kind: str, signed_on: date | None = None,
                     start_date: date | None = None, end_date: date | None = None, document=None, link: str = "",
                     note: str = "") -> Relationship:
    """For a membership, `first` is the member and `second` the body it belongs to."""
    _require_adder(by)
    if first is None or second is None:
        raise DomainError(_("Choose the other organisation."), field="second", code="required")
    if first.pk == second.pk:
        raise DomainError(_("An organisation cannot have a relationship with itself."), field="second",
                          code="self")
    if kind not in Relationship.Kind.values:
        raise DomainError(_("Unknown kind of relationship."), field="kind", code="invalid")
    _check_period(start_date, end_date, field="end_date")
    link = (link or "").strip()
    try:
        _check_website(link)
    except DomainError as error:
        raise DomainError(error.message, field="link", code="invalid") from None
    relationship = Relationship(first=first, second=second, kind=kind, signed_on=signed_on, start_date=start_date,
                                end_date=end_date, link=link, note=(note or "").strip()[:500])
    if document:
        for validate in document_validators:  # the API and imports pass files the form never saw
            try:
                validate(document)
            except ValidationError as error:
                raise DomainError(error.messages[0], field="document", code="invalid") from None
        relationship.document = document
    mark_added(relationship, by)
    relationship.save()
    return relationship
