"""Verification codes of certificates of attendance: printed on the PDF, checked on a public page.

A code is the registration's number and a keyed hash (HMAC with the site's secret key) of who attended what,
so nothing is stored and no code can be made up without the key. Changing SECRET_KEY invalidates every code
printed so far.
"""

import base64
import re

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Registration
from .status import certificate_ready

_SALT = "kopa.activities.certificate"
# 1234-ABCD-EFGH: the check is in base32 (A–Z and 2–7, no 0 or 1), so O and I typed for digits cannot mislead.
_CODE = re.compile(r"^(\d{1,12})-?([A-Z2-7]{4})-?([A-Z2-7]{4})$")


def _check(registration_pk: int, activity_id: int, person_id: int) -> str:
    digest = salted_hmac(_SALT, f"{registration_pk}:{activity_id}:{person_id}").digest()
    return base64.b32encode(digest).decode()[:8]


def verification_code(registration: Registration) -> str:
    check = _check(registration.pk, registration.activity_id, registration.person_id)
    return f"{registration.pk}-{check[:4]}-{check[4:]}"


def certificate_for_code(code: str) -> Registration | None:
    """The registration whose certificate carries `code`, if that certificate may be issued today; else None.
    Typed codes may be in lower case and with spaces; two queries at most."""
    match = _CODE.match(re.sub(r"\s+", "", code or "").upper())
    if match is None:
        return None
    registration = (Registration.objects.select_related("activity", "person", "organisation", "session")
                    .filter(pk=int(match[1])).first())
    if registration is None:
        return None
    expected = _check(registration.pk, registration.activity_id, registration.person_id)
    if not constant_time_compare(expected, match[2] + match[3]):
        return None
    # Attendance withdrawn since the certificate was printed: the certificate no longer stands.
    return registration if certificate_ready(registration) else None
