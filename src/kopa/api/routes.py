"""C11: the one ninja API object; each app contributes its own router (`<app>/api.py`)."""

import logging
import re
import uuid

import pydantic
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from kopa.activities import api_writes  # noqa: F401  (adds the write endpoints to the activities router)
from kopa.activities.api import router as activities_router
from kopa.core.errors import DomainError, PermissionDenied
from kopa.directory.api import router as directory_router
from kopa.lean.api import router as lean_router
from kopa.projects.api import router as projects_router
from kopa.publications.api import router as publications_router
from kopa.sources.api import router as sources_router
from kopa.surveys.api import router as surveys_router
from kopa.topics.api import router as topics_router

from . import auth, guards, pages

logger = logging.getLogger(__name__)


class KopaAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The document states the bounds `guards` enforces on every paged list."""
        schema = super().get_openapi_schema(*args, **kwargs)
        bounds = {"limit": (1, guards.MAX_LIMIT), "offset": (0, guards.MAX_OFFSET)}
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                names = {p.get("name") for p in operation.get("parameters", []) if p.get("in") == "query"}
                if not {"limit", "offset"} <= names:
                    continue
                for parameter in operation["parameters"]:
                    if parameter.get("in") == "query" and parameter.get("name") in bounds:
                        low, high = bounds[parameter["name"]]
                        parameter["schema"].update(minimum=low, maximum=high)
                        if parameter["name"] == "limit":
                            parameter["description"] = f"Items per page, at most {high}."
        return schema


api = KopaAPI(
    title="Kopā API",
    version="1",
    description=(
        "Directory and projects of Kopā. Reads are public; writes need a session, an API token "
        "(`Authorization: Bearer …`, made on the account's API tokens page; a read token may not write) or HTTP Basic. "
        f"{pages.DESCRIPTION} "
        "Input the API cannot take is answered 400, 404 or 422 with the field named, never 500."
    ),
    urls_namespace="api",
)
api.add_decorator(guards.guard, mode="view")


@api.exception_handler(auth.Throttled)
def throttled(request, error):
    response = api.create_response(request, {"detail": str(error.message)}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request, error):
    return api.create_response(request, {"detail": str(error.message)}, status=403)


@api.exception_handler(DjangoPermissionDenied)
def django_permission_denied(request, error):
    return api.create_response(request, {"detail": str(_("You do not have permission to do this."))}, status=403)


@api.exception_handler(DomainError)
def domain_error(request, error):
    return api.create_response(request, {"detail": str(error.message), "field": error.field}, status=400)


@api.exception_handler(DjangoValidationError)
def invalid_value(request, error):
    """A model's own validation (`guards.refuse_what_the_database_would`, a UUID field given something else)."""
    params = getattr(error, "params", None) or {}
    if "value" in params and guards.in_path(request, params["value"]):
        return api.create_response(request, {"detail": str(_("Not found."))}, status=404)  # e.g. a token
    if hasattr(error, "error_dict"):
        errors = error.message_dict
        field = next(iter(errors))
        return api.create_response(request, {"detail": " ".join(errors[field]), "field": field,
                                             "errors": errors}, status=422)
    field = guards.field_holding(request, lambda v: "value" in params and str(v) == str(params["value"]))
    return api.create_response(request, {"detail": " ".join(error.messages), "field": field}, status=422)


@api.exception_handler(DataError)
def refused_by_the_database(request, error):
    """Too long or too large for its column, caught by nothing before (a bulk write): 422, nothing kept."""
    guards.roll_back(request)
    logger.warning("API input refused by the database: %s", error)
    longest = re.search(r"character varying\((\d+)\)", str(error))
    field = guards.field_holding(request, lambda v: isinstance(v, str) and len(v) > int(longest[1])) \
        if longest else None
    return api.create_response(request, {"detail": str(_("A value is too long or too large to be stored.")),
                                         "field": field}, status=422)


@api.exception_handler(ValueError)
@api.exception_handler(OverflowError)
def malformed_value(request, error):
    """A value the code below could not take (a UUID that is none, a number too large, a time with a zone)."""
    if isinstance(error, pydantic.ValidationError):
        raise error  # a response that does not match its schema is our bug: it stays a 500
    guards.roll_back(request)
    logger.warning("API input refused: %r", error, exc_info=True)
    field = None
    if isinstance(error, ValueError) and "UUID" in str(error):
        field = guards.field_holding(request, lambda v: isinstance(v, str) and not _is_uuid(v))
        if field is not None and guards.in_path(request, _value_of(request, field)):
            return api.create_response(request, {"detail": str(_("Not found."))}, status=404)  # e.g. a token
    return api.create_response(request, {"detail": str(_("A value is malformed or out of range.")),
                                         "field": field}, status=422)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _value_of(request, name):
    match = getattr(request, "resolver_match", None)
    return (match.kwargs if match else {}).get(name)


api.add_router("/", directory_router)
api.add_router("/", projects_router)
api.add_router("/", activities_router)
api.add_router("/", lean_router)
api.add_router("/", publications_router)
api.add_router("/", surveys_router)
api.add_router("/", topics_router)
api.add_router("/", sources_router)
