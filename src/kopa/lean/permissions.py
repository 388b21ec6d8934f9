"""A municipality's LEAN team edits its own services, maps and logs; everyone else reads aggregates."""

import rules

from kopa.accounts.permissions import is_administrator, is_partner_coordinator


@rules.predicate
def works_on_service_of(user, obj=None):
    if obj is None:
        return is_partner_coordinator(user, None)
    organisation = obj.organisation if hasattr(obj, "organisation") else obj.service.organisation
    return is_partner_coordinator(user, organisation)


can_edit = is_administrator | works_on_service_of
rules.add_perm("lean.change_publicservice", can_edit)
rules.add_perm("lean.add_publicservice", is_administrator | is_partner_coordinator)
rules.add_perm("lean.change_processmap", can_edit)
rules.add_perm("lean.add_eventlog", can_edit)
rules.add_perm("lean.view_eventlog", can_edit)
