"""Writes to accounts: giving a user a role on a project or an organisation."""

from django.db import transaction
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

from .models import RoleAssignment


@transaction.atomic
def assign_role(*, user, role: str, project=None, organisation=None) -> RoleAssignment:
    if role == RoleAssignment.Role.PROGRAMME_COORDINATOR and (project is None or organisation is not None):
        raise DomainError(_("A programme coordinator is assigned to a project."), field="project", code="invalid")
    if role == RoleAssignment.Role.PARTNER_COORDINATOR and (organisation is None or project is not None):
        raise DomainError(_("A partner coordinator is assigned to an organisation."), field="organisation",
                          code="invalid")
    if role == RoleAssignment.Role.LEAN_TEAM and (organisation is None or project is not None):
        raise DomainError(_("A LEAN team member is assigned to an organisation."), field="organisation",
                          code="invalid")
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, project=project, organisation=organisation
    )
    return assignment
