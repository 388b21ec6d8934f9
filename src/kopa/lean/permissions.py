"""A municipality's LEAN team edits its own services, maps and logs; everyone else reads aggregates.

The team is who holds the LEAN team role (or coordinates the organisation as a partner) at the institution
that provides the service — or at the municipal administration of the institution's municipality, since
a municipality's team reviews the work of every department of every institution it runs.
"""

import rules

from kopa.accounts.permissions import (
    coordinated_organisation_ids,
    is_administrator,
    lean_team_organisation_ids,
)


def _team_scope(user) -> tuple[set[int], set[int]]:
    """(organisation ids, municipality ids) the user's LEAN work covers; read once per request."""
    if not user.is_authenticated:
        return set(), set()
    if not hasattr(user, "_kopa_lean_scope"):
        from kopa.directory.models import Organisation

        organisation_ids = lean_team_organisation_ids(user) | coordinated_organisation_ids(user)
        municipality_ids = set(
            Organisation.objects.filter(pk__in=organisation_ids, kind=Organisation.Kind.MUNICIPAL_ADMINISTRATION,
                                        municipality__isnull=False).values_list("municipality_id", flat=True)
        ) if organisation_ids else set()
        user._kopa_lean_scope = (organisation_ids, municipality_ids)
    return user._kopa_lean_scope


def covers_organisation(user, organisation) -> bool:
    organisation_ids, municipality_ids = _team_scope(user)
    return organisation.pk in organisation_ids or (
        organisation.municipality_id is not None and organisation.municipality_id in municipality_ids)


@rules.predicate
def is_lean_team(user, organisation=None):
    """With an organisation: the user's LEAN work covers it. Without: the user is on some LEAN team."""
    if organisation is None:
        return bool(_team_scope(user)[0])
    return covers_organisation(user, organisation)


@rules.predicate
def works_on_service_of(user, obj=None):
    if obj is None:
        return is_lean_team(user, None)
    organisation = obj.organisation if hasattr(obj, "organisation") else obj.service.organisation
    return covers_organisation(user, organisation)


can_edit = is_administrator | works_on_service_of
rules.add_perm("lean.change_publicservice", can_edit)
rules.add_perm("lean.add_publicservice", is_administrator | is_lean_team)
rules.add_perm("lean.change_processmap", can_edit)
rules.add_perm("lean.add_eventlog", can_edit)
rules.add_perm("lean.view_eventlog", can_edit)
