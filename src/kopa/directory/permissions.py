"""Who may change directory data: administrators everywhere, partner coordinators their own organisation."""

from datetime import date

import rules

from kopa.accounts.permissions import (
    can_see_contacts_of,
    coordinated_organisation_ids,
    is_administrator,
    is_partner_coordinator,
    is_project_coordinator,
)


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


@rules.predicate
def is_coordinator(user):
    """A programme or partner coordinator anywhere: they may add what their texts name to the directory."""
    return is_project_coordinator(user, None) or is_partner_coordinator(user, None)


# Not "add_organisation": that name would also open the back office's add forms, which bypass the duplicate check.
rules.add_perm("directory.add_entry", is_administrator | is_coordinator)
rules.add_perm("directory.review_entry", is_administrator)
rules.add_perm("directory.merge_entries", is_administrator)


@rules.predicate
def coordinates_current_organisation_of(user, person=None):
    """A person's entry is kept by the coordinators of an organisation they work at now."""
    if person is None:
        return is_partner_coordinator(user, None)
    today = date.today()
    ids = coordinated_organisation_ids(user)
    return bool(ids) and any(p.organisation_id in ids for p in person.positions.all()
                             if p.end_date is None or p.end_date >= today)


@rules.predicate
def coordinates_organisation_in(user, place=None):
    """A place's entry is kept by the coordinators of an organisation in it (its municipal administration)."""
    if place is None:
        return is_partner_coordinator(user, None)
    ids = coordinated_organisation_ids(user)
    # One EXISTS: the place's page shows only its first organisations, and a city has thousands.
    return bool(ids) and place.organisations.filter(pk__in=ids).exists()


# Not "change_person"/"change_municipality": those names would open the back office, which bypasses the services.
rules.add_perm("directory.edit_person", is_administrator | coordinates_current_organisation_of)
rules.add_perm("directory.edit_place", is_administrator | coordinates_organisation_in)
