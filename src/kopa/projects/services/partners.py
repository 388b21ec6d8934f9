"""A partner's role changed, or a partner taken out of the project (adding one, its budget: projects.py)."""

from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import DomainError, require

from ..models import Partnership


@audited
def set_partner_role(*, partnership: Partnership, role: str, brought_in_by: Partnership | None = None,
                     by) -> Partnership:
    """The same rules as add_partner: one lead partner; an associated organisation brought in by a partner."""
    require(by, "projects.change_partnership", partnership.project)
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if role not in Partnership.Role.values:
        raise DomainError(_("Unknown role in the project."), field="role", code="invalid")
    others = Partnership.objects.filter(project_id=partnership.project_id).exclude(pk=partnership.pk)
    if role == Partnership.Role.LEAD_PARTNER and others.filter(role=role).exists():
        raise DomainError(_("The project already has a lead partner."), field="role", code="duplicate")
    if brought_in_by is not None and (brought_in_by.project_id != partnership.project_id
                                      or brought_in_by.role == Partnership.Role.ASSOCIATED
                                      or brought_in_by.pk == partnership.pk):
        raise DomainError(_("An associated organisation is brought in by a partner of the same project."),
                          field="brought_in_by", code="invalid")
    partnership.role, partnership.brought_in_by = role, brought_in_by
    partnership.save(update_fields=["role", "brought_in_by"])
    if role == Partnership.Role.ASSOCIATED:
        # An associated organisation brings in nobody: those it was named for keep no one. A bulk update, which
        # the audit does not see row by row: said on the partnership.
        released = partnership.associates.update(brought_in_by=None)
        if released:
            log_action(partnership, "projects.set_partner_role",
                       note=f"{released} associated organisation(s) no longer brought in by it")
    return partnership


@audited
def remove_partner(*, partnership: Partnership, by) -> None:
    """Organisations it brought in stay in the project, brought in by no one."""
    require(by, "projects.delete_partnership", partnership.project)
    Partnership.objects.filter(pk=partnership.pk).delete()
