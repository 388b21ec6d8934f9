"""Domain errors: a broken rule, said in the user's language."""

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A service refused a write. `message` is translated; `field` names the input at fault, if any."""

    def __init__(self, message, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


class PermissionDenied(DomainError):
    """The acting user may not do this to this object."""


def require(by, permission: str, obj=None) -> None:
    """Services check the acting user themselves; by=None is the system (imports, demo, tasks)."""
    if by is not None and not by.has_perm(permission, obj):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")


def attach_to_form(form, error: DomainError) -> None:
    """Show a service's refusal on the field it concerns, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
