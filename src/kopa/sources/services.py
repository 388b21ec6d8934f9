"""Every write to sources, citations and values from sources. One transaction per call; `by=` is required
(None is the system: imports, the demo); a broken rule raises DomainError with a translated message; each call is
logged (kopa.audit)."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import DomainError, PermissionDenied, require

from .checks import NOTE_LENGTH, check_source, clean_text, max_length
from .models import Citation, Source, SourcedValue
from .permissions import may_change_record
from .records import check_field, is_citable_model


def _require_change(by, record) -> None:
    """Who may change the record may cite for it: the record's own app decides (see permissions.py)."""
    if by is not None and not may_change_record(by, record):
        raise PermissionDenied(_("You may not change this record, so you may not cite sources for it."),
                               code="permission")


def _require_citable(record) -> ContentType:
    if record is None or record.pk is None or not is_citable_model(type(record)):
        raise DomainError(_("This kind of record cannot cite sources."), field="record", code="invalid")
    return ContentType.objects.get_for_model(record)


def _save(obj, message: str, field: str | None = None):
    try:
        with transaction.atomic():  # a savepoint: the refusal leaves the caller's transaction usable
            obj.save()
    except IntegrityError:
        # Someone wrote the same row a moment before (the checks above passed for both).
        raise DomainError(message, field=field, code="duplicate") from None
    return obj


def _new_source(by, fields: dict) -> Source:
    cleaned = check_source(**fields)
    return _save(Source(added_by=by, **cleaned), _("A source with this address is already recorded."), "url")


@audited
def add_source(*, by, title: str, **fields) -> Source:
    """A new source; a title is enough. An address already recorded is refused (cite that source instead)."""
    require(by, "sources.add_source")
    return _new_source(by, {"title": title, **fields})


@audited
def update_source(*, source: Source, by, **fields) -> Source:
    locked = Source.objects.select_for_update().get(pk=source.pk)
    require(by, "sources.change_source", locked)
    for name, value in check_source(source=locked, **fields).items():
        setattr(locked, name, value)
    return _save(locked, _("A source with this address is already recorded."), "url")


def _check_citation(record, field: str, locator: str) -> tuple[ContentType, str, str]:
    content_type = _require_citable(record)
    field = check_field(type(record), field)
    locator = clean_text(locator, field="locator", limit=max_length(Citation, "locator"))
    return content_type, field, locator


@audited
def cite(*, record, source: Source, by, field: str = "", locator: str = "") -> Citation:
    """`record` cites `source`, as a whole or for one of its fields, at a place in the source."""
    content_type, field, locator = _check_citation(record, field, locator)
    _require_change(by, record)
    if source is None or source.pk is None:
        raise DomainError(_("Choose a source."), field="source", code="required")
    exists = Citation.objects.filter(source=source, content_type=content_type, object_id=record.pk, field=field)
    if exists.exists():
        raise DomainError(_("This source is already cited for this."), field="source", code="duplicate")
    citation = Citation(source=source, content_type=content_type, object_id=record.pk, field=field, locator=locator,
                        added_by=by)
    return _save(citation, _("This source is already cited for this."), "source")


@audited
def add_and_cite(*, record, by, field: str = "", locator: str = "", **source_fields) -> tuple[Citation, bool]:
    """The organiser page's one step: describe a source and cite it. A source whose address is already recorded
    is cited as it is (one news post stays one source, whoever found it first); returns (citation, added)."""
    _check_citation(record, field, locator)
    _require_change(by, record)
    url = " ".join(str(source_fields.get("url") or "").split())
    known = Source.objects.filter(url=url).first() if url else None
    # Whoever may change the record may describe the source it cites (the record's rule was asked above), even
    # without the coordinator role that adding a source on its own asks for.
    source = known or _new_source(by, source_fields)
    return cite(record=record, source=source, by=by, field=field, locator=locator), known is None


@audited
def uncite(*, citation: Citation, by) -> None:
    locked = Citation.objects.select_for_update().select_related("content_type").filter(pk=citation.pk).first()
    if locked is None:
        return  # already removed: the reader's wish holds
    record = locked.record
    if record is not None:  # a record deleted since leaves a citation anyone who could cite may remove
        _require_change(by, record)
    elif by is not None and not by.has_perm("sources.delete_source"):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    locked.delete()


def _values_of(content_type: ContentType, object_id: int, field: str):
    return SourcedValue.objects.filter(content_type=content_type, object_id=object_id, field=field)


@audited
def record_value(*, record, field: str, value: str, source: Source, by, locator: str = "", note: str = "",
                 used: bool = False) -> SourcedValue:
    """What `source` states for `field` of `record`, kept as written. Another source's different value is kept
    beside it; to make this one the value the record goes by while another is used, call choose_value."""
    content_type = _require_citable(record)
    field = check_field(type(record), field)
    if not field:
        raise DomainError(_("Name the field the value is for."), field="field", code="required")
    value = clean_text(value, field="value", limit=max_length(SourcedValue, "value"), required=True)
    locator = clean_text(locator, field="locator", limit=max_length(SourcedValue, "locator"))
    note = clean_text(note, field="note", limit=NOTE_LENGTH, one_line=False)
    _require_change(by, record)
    if source is None or source.pk is None:
        raise DomainError(_("Choose a source."), field="source", code="required")
    # The values of this field are locked, so two writers cannot both find none used and both mark theirs.
    others = list(_values_of(content_type, record.pk, field).select_for_update())
    if any(other.source_id == source.pk for other in others):
        raise DomainError(_("This source already has a value for this field."), field="source", code="duplicate")
    if used and any(other.used for other in others):
        raise DomainError(_("Another value is already used for this field; choose which one to use instead."),
                          field="used", code="already_used")
    sourced = SourcedValue(source=source, content_type=content_type, object_id=record.pk, field=field, value=value,
                           locator=locator, note=note, used=used, added_by=by)
    return _save(sourced, _("Another value is already used for this field."), "used")


@audited
def choose_value(*, value: SourcedValue, by, note: str | None = None) -> SourcedValue:
    """Make `value` the one its record goes by for its field; the others stay, with their sources, unused.

    The record's own typed field is not written here: its app owns it and its rules (a budget's currency and
    rounding). The caller that wants it changed calls that app's service with the chosen value."""
    locked = SourcedValue.objects.select_for_update().filter(pk=value.pk).first()
    if locked is None:
        raise DomainError(_("This value no longer exists."), code="not_found")
    record = locked.record
    if record is None:
        raise DomainError(_("The record of this value no longer exists."), code="not_found")
    _require_change(by, record)
    siblings = _values_of(locked.content_type, locked.object_id, locked.field).select_for_update()
    unmarked = [other for other in siblings if other.used and other.pk != locked.pk]
    # First unmark the others, then mark this one: the database refuses two used values at any moment.
    siblings.exclude(pk=locked.pk).filter(used=True).update(used=False)
    for other in unmarked:  # an update, which the audit log does not see row by row
        log_action(other, "sources.choose_value", changes={"used": {"old": True, "new": False}})
    locked.used = True
    if note is not None:
        locked.note = clean_text(note, field="note", limit=NOTE_LENGTH, one_line=False)
    locked.save(update_fields=["used", "note"])
    return locked


@audited
def remove_value(*, value: SourcedValue, by) -> None:
    locked = SourcedValue.objects.select_for_update().filter(pk=value.pk).first()
    if locked is None:
        return
    record = locked.record
    if record is not None:
        _require_change(by, record)
    elif by is not None and not by.has_perm("sources.delete_source"):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    locked.delete()
