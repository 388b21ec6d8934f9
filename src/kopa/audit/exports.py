"""The history as a spreadsheet: the filtered list the page shows, every entry of it, masked as on the page for the
one who asked. Sent at once when short, else written by an export job (kopa.exports): the trail grows with every
change, so it is never counted whole in a request — only as far as the threshold."""

from django.utils.translation import gettext as _

from kopa.exports.kinds import Kind, Table, counted_up_to

from . import list_filters, queries, values, visibility


def _history_table(parameters: dict, user) -> Table:
    if "model" in parameters:
        model, object_id = parameters["model"], parameters["object_id"]
        where = queries.history_filter(model, object_id, visibility.load(model, object_id))
    else:
        where = None
    _form, entries = list_filters.history(queries.entries(where), parameters.get("query", ""))
    return Table(_("Audit trail"), queries.export_header(), queries.export_rows(entries, visibility.viewer(user)),
                 counted_up_to(entries))


def _allowed(user, parameters: dict) -> bool:
    """As the pages: the whole trail, and what the log says of an object since gone, for administrators; an
    object's history for those who may read it (kopa.audit.visibility)."""
    instance = visibility.load(parameters["model"], parameters["object_id"]) if "model" in parameters else None
    if instance is None:
        return visibility.may_see_everything(user)
    return visibility.may_see_history_of(user, instance)


def _label(parameters: dict) -> str:
    if "model" not in parameters:
        return _("Audit trail")
    model, object_id = parameters["model"], parameters["object_id"]
    instance = visibility.load(model, object_id)
    label = values.object_label(instance) if instance is not None else f"{queries.kind_label(model)} #{object_id}"
    return _("History of %(object)s") % {"object": label}


HISTORY = Kind(table=_history_table, allowed=_allowed, label=_label)
