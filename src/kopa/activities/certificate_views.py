"""The public page that confirms a certificate of attendance from the code printed on it."""

from django.shortcuts import render

from kopa.core.dates import stated_dates_text
from kopa.directory.naming import may_name

from .verification import certificate_for_code


def _initials(person) -> str:
    return " ".join(f"{part[0]}." for part in (person.first_name, person.last_name) if part)


def verify(request):
    """Anyone may check a code; the answer names no more than the certificate itself shows, and names the person
    only as far as `may_name` allows (initials otherwise: enough to match the paper in hand)."""
    code = request.GET.get("code", "").strip()[:40]
    registration = certificate_for_code(code) if code else None
    context = {"code": code, "checked": bool(code), "registration": registration}
    if registration is not None:
        person = registration.person
        context.update(
            name=str(person) if may_name(person, request.user) else _initials(person),
            activity=registration.activity,
            dates=stated_dates_text(registration.activity),
        )
    response = render(request, "activities/certificate_verify.html", context)
    response["X-Robots-Tag"] = "noindex"  # answers about one person's certificate are not for search engines
    return response
