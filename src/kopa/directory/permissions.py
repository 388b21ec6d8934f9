"""Who may change directory data: administrators everywhere, partner coordinators their own organisation."""

import rules

from kopa.accounts.permissions import can_see_contacts_of, is_administrator, is_partner_coordinator


@rules.predicate
def coordinates_organisation_of(user, obj=None):
    """For rows that belong to an organisation (department, position)."""
    if obj is None:
        return is_partner_coordinator(user, None)
    return is_partner_coordinator(user, obj.organisation)


can_edit_organisation = is_administrator | is_partner_coordinator

rules.add_perm("directory.view_organisation", rules.always_allow)
rules.add_perm("directory.change_organisation", can_edit_organisation)
rules.add_perm("directory.view_department", rules.always_allow)
rules.add_perm("directory.add_department", is_administrator | is_partner_coordinator)
rules.add_perm("directory.change_department", is_administrator | coordinates_organisation_of)
rules.add_perm("directory.delete_department", is_administrator | coordinates_organisation_of)
rules.add_perm("directory.view_person_contact", is_administrator | can_see_contacts_of)
