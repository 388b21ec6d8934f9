"""C11: the one ninja API object; each app contributes its own router (`<app>/api.py`)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
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

api = NinjaAPI(
    title="Kopā API",
    version="1",
    description="Directory and projects of Kopā. Reads are public; writes need a session or HTTP Basic login.",
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, error):
    return api.create_response(request, {"detail": str(error.message)}, status=403)


@api.exception_handler(DjangoPermissionDenied)
def django_permission_denied(request, error):
    return api.create_response(request, {"detail": str(_("You do not have permission to do this."))}, status=403)


@api.exception_handler(DomainError)
def domain_error(request, error):
    return api.create_response(request, {"detail": str(error.message), "field": error.field}, status=400)


api.add_router("/", directory_router)
api.add_router("/", projects_router)
api.add_router("/", activities_router)
api.add_router("/", lean_router)
api.add_router("/", publications_router)
api.add_router("/", surveys_router)
api.add_router("/", topics_router)
api.add_router("/", sources_router)
