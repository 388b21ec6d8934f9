"""Writes to accounts: giving a user a role on a project or an organisation; API tokens for scripts."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, PermissionDenied

from . import tokens
from .models import ApiToken, RoleAssignment


@audited
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


@audited
def create_api_token(*, user, name: str, scope: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`'s scripts, and its secret: the only time the secret exists outside the script."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Say what the token is for."), field="name", code="required")
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise DomainError(_("The name is too long."), field="name", code="max_length")
    if scope not in ApiToken.Scope.values:
        raise DomainError(_("Choose read only, or read and write."), field="scope", code="invalid")
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(_("The expiry date must be in the future."), field="expires_at", code="invalid")
    if not user.is_active:
        raise DomainError(_("An inactive user cannot have API tokens."), code="inactive")
    secret, prefix, digest = tokens.new_secret()
    token = ApiToken.objects.create(user=user, name=name, scope=scope, prefix=prefix, digest=digest,
                                    expires_at=expires_at)
    return token, secret


@audited
def revoke_api_token(*, token: ApiToken, by) -> ApiToken:
    """The token stops working at once; its owner or an administrator may revoke it. Revoking twice keeps the
    first time."""
    if by is None or not (by.pk == token.user_id or (by.is_active and by.is_superuser)):
        raise PermissionDenied(_("Only the token's owner or an administrator may revoke it."), code="permission")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token

