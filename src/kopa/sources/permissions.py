"""Who may add sources and cite them.

A citation belongs to the record it is made for, so the record's own rule decides: whoever may change an
activity may cite sources for it, and so on for every app. `may_change_record` asks django-rules for
`<app_label>.change_<model>` on the record itself, so each app's rule is reused, never rewritten here.
A record whose app has no change rule can be cited for by administrators only (fail closed).
"""

import rules
from django.contrib.contenttypes.models import ContentType

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids, is_administrator
from kopa.directory.naming import may_name

# Records whose app names its change rule otherwise (the directory keeps "change_" for the back office, which
# would let coordinators bypass its services there).
CHANGE_RULES = {("directory", "person"): "directory.edit_person", ("directory", "municipality"): "directory.edit_place"}


def change_permission(content_type: ContentType) -> str:
    return CHANGE_RULES.get((content_type.app_label, content_type.model),
                            f"{content_type.app_label}.change_{content_type.model}")


def view_permission(content_type: ContentType) -> str:
    return f"{content_type.app_label}.view_{content_type.model}"


def may_change_record(user, record) -> bool:
    """May `user` change `record` (and so cite sources and record values for it)?"""
    if user is None or not user.is_authenticated:
        return False
    content_type = ContentType.objects.get_for_model(record)  # cached by Django after the first call
    return user.has_perm(change_permission(content_type), record)


def _person_page_shown(user, person) -> bool:
    # A person's page exists only for a reader who may see them named (directory's one naming rule); the
    # sources about them, which may name them, follow that rule.
    return may_name(person, user)


# Kinds of record whose app decides who sees them by a function of its own rather than a `view_` rule.
READ_RULES = {("directory", "person"): _person_page_shown}


def may_see_record_sources(user, record) -> bool:
    """Sources of a record are public, unless the record's app keeps the record from this reader (a draft, a
    person who may not be named): then its sources are hidden with it."""
    content_type = ContentType.objects.get_for_model(record)
    read_rule = READ_RULES.get((content_type.app_label, content_type.model))
    if read_rule is not None:
        return read_rule(user, record)
    name = view_permission(content_type)
    if not rules.perm_exists(name):
        return True
    return user.has_perm(name, record)


@rules.predicate
def has_coordinator_role(user):
    """A programme coordinator of some project or a partner coordinator of some organisation."""
    return bool(coordinated_project_ids(user) or coordinated_organisation_ids(user))


@rules.predicate
def added_source(user, source=None):
    return source is not None and user.is_authenticated and source.added_by_id == user.pk


rules.add_perm("sources.view_source", rules.always_allow)
# A source on its own cites nothing yet: any coordinator may record one (they record texts about their work).
rules.add_perm("sources.add_source", is_administrator | has_coordinator_role)
# Many records may cite a source: correcting it is for whoever added it and for administrators.
rules.add_perm("sources.change_source", is_administrator | added_source)
rules.add_perm("sources.delete_source", is_administrator)
