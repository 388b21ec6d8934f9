"""How an organiser page hands a valid form to a service: one transaction; a refusal shown on the field it
concerns, in the reader's language; a permission refusal a 403. Used by every organiser page of activities."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kopa.core import concurrency
from kopa.core.errors import DomainError, attach_to_form


def run(form, call):
    """Run `call()` in one transaction; its result, or None when the service refused (shown on `form`)."""
    try:
        with transaction.atomic():
            return call()
    except concurrency.EditConflict as conflict:  # someone saved meanwhile: what changed, the input kept
        concurrency.show_conflict(form, conflict)
        return None
    except DomainError as error:
        if error.code == "permission":
            raise PermissionDenied from error
        attach_to_form(form, error)
        return None


def save(form, call):
    """Run the service with what the form holds (its `service_arguments`)."""
    return run(form, lambda: call(**form.service_arguments()))
