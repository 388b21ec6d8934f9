"""Role predicates (`rules`) shared by views, API, admin and templates.

Each predicate takes (user, obj). With obj=None (a list, the admin index) it answers whether the
user holds the role anywhere; the list itself is then narrowed by `coordinated_*` querysets.
"""

from datetime import date

import rules

from .models import RoleAssignment

PROGRAMME = RoleAssignment.Role.PROGRAMME_COORDINATOR
PARTNER = RoleAssignment.Role.PARTNER_COORDINATOR
LEAN_TEAM = RoleAssignment.Role.LEAN_TEAM


def _roles(user):
    """The user's role rows, read once per request object (cached on the user)."""
    if not user.is_authenticated:
        return ()
    if not hasattr(user, "_kopa_roles"):
        rows = RoleAssignment.objects.filter(user=user).values_list("role", "project_id", "organisation_id")
        user._kopa_roles = tuple(rows)
    return user._kopa_roles


def coordinated_project_ids(user) -> set[int]:
    return {p for role, p, _o in _roles(user) if role == PROGRAMME}


def coordinated_organisation_ids(user) -> set[int]:
    return {o for role, _p, o in _roles(user) if role == PARTNER}


def lean_team_organisation_ids(user) -> set[int]:
    return {o for role, _p, o in _roles(user) if role == LEAN_TEAM}


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.is_active and user.is_superuser


@rules.predicate
def is_project_coordinator(user, project=None):
    ids = coordinated_project_ids(user)
    return bool(ids) if project is None else project.pk in ids


@rules.predicate
def is_partner_coordinator(user, organisation=None):
    ids = coordinated_organisation_ids(user)
    return bool(ids) if organisation is None else organisation.pk in ids


@rules.predicate
def can_see_contacts_of(user, person=None):
    """E-mail addresses are personal data: coordinators of the person's organisation or of a project
    that organisation takes part in may see them; the public never does."""
    if not user.is_authenticated:
        return False
    if person is None:  # the coordinating roles only: a LEAN team member does not see people's contacts
        return bool(coordinated_organisation_ids(user) or coordinated_project_ids(user))
    allowed = coordinated_organisation_ids(user) | _partner_organisation_ids(user)
    if not allowed:
        return False  # asked for every person named on a page: no reading of their positions for nothing
    today = date.today()
    # Only where the person works now: a coordinator does not keep seeing former staff's addresses.
    org_ids = {p.organisation_id for p in person.positions.all() if p.end_date is None or p.end_date >= today}
    return bool(org_ids & allowed)


def _partner_organisation_ids(user) -> set[int]:
    """Organisations taking part in the projects the user coordinates; read once per request."""
    if not hasattr(user, "_kopa_partner_orgs"):
        from kopa.projects.models import Partnership  # accounts sits below projects; read lazily

        project_ids = coordinated_project_ids(user)
        user._kopa_partner_orgs = set(
            Partnership.objects.filter(project_id__in=project_ids).values_list("organisation_id", flat=True)
        ) if project_ids else set()
    return user._kopa_partner_orgs
