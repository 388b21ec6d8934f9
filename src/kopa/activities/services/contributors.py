"""People in an activity as the sources name them (presenters, hosts, moderators, trainers, photographers …),
and the coordinator's marks that let a name be shown without the person's own consent."""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, require

from ..models import Activity, Contributor

LANGUAGES = ("lv", "lt", "en")


def _text(value: str | None, field: str, limit: int = 300) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(_("At most %(limit)d characters.") % {"limit": limit}, field=field, code="too_long")
    return value


def _require_owner(by, activity, project) -> None:
    if project is not None:
        require(by, "projects.change_project", project)
    else:
        require(by, "activities.change_activity", activity)


@audited
def add_contributor(
    *, activity: Activity | None = None, by, role: str, project=None, programme_item=None, breakout=None,
    position=None, person=None,
    office_lv: str = "", office_lt: str = "", office_en: str = "", organisation=None,
    description_lv: str = "", description_lt: str = "", description_en: str = "", name_as_written: str = "",
    order: int | None = None,
) -> Contributor:
    """Record someone with a role at the activity, or at one of its programme items or parallel groups: a position
    (a named person as they then were), a person with no position, an office (with or without its holder), an
    organisation with no named speaker, or a described role ("a freelance lecturer", with its organisation)."""
    if (activity is None) == (project is None):
        raise DomainError(_("A role is in an activity or in a project."), code="invalid")
    _require_owner(by, activity, project)
    if project is not None and (programme_item is not None or breakout is not None):
        raise DomainError(_("A role in a project is not in a programme item or a parallel group."),
                          field="programme_item", code="invalid")
    if role not in Contributor.Role.values:
        raise DomainError(_("Unknown role."), field="role", code="invalid")
    if programme_item is not None and breakout is not None:
        raise DomainError(_("Choose a programme item or a parallel group, not both."), field="breakout",
                          code="invalid")
    if programme_item is not None and programme_item.activity_id != activity.pk:
        raise DomainError(_("That programme item belongs to another activity."), field="programme_item",
                          code="invalid")
    if breakout is not None and breakout.activity_id != activity.pk:
        raise DomainError(_("That group belongs to another activity."), field="breakout", code="invalid")
    if position is not None and person is not None and position.person_id != person.pk:
        raise DomainError(_("The position is held by another person."), field="position", code="invalid")
    if position is not None and organisation is not None and position.organisation_id != organisation.pk:
        raise DomainError(_("The position is in another organisation."), field="organisation", code="invalid")
    offices = {code: _text(value, f"office_{code}")
               for code, value in zip(LANGUAGES, (office_lv, office_lt, office_en), strict=True)}
    descriptions = {code: _text(value, f"description_{code}")
                    for code, value in zip(LANGUAGES, (description_lv, description_lt, description_en), strict=True)}
    name_as_written = _text(name_as_written, "name_as_written", limit=200)
    if not (position or person or organisation or any(offices.values()) or any(descriptions.values())):
        raise DomainError(
            _("Say who it was: a person, a position, an office, an organisation or a description of the role."),
            code="required",
        )
    if order is None:
        # After the others of the same part of the activity.
        same = {"project": project} if project is not None else {
            "activity": activity, "programme_item": programme_item, "breakout": breakout}
        last = Contributor.objects.filter(**same).aggregate(last=Max("order"))["last"]
        order = 0 if last is None else last + 1
    contributor = Contributor(
        activity=activity, project=project, programme_item=programme_item, breakout=breakout, role=role,
        position=position, person=person, organisation=organisation, name_as_written=name_as_written, order=order,
    )
    for code in LANGUAGES:
        # The columns themselves, never `office`: modeltranslation would write that into the active language.
        setattr(contributor, f"office_{code}", offices[code])
        setattr(contributor, f"description_{code}", descriptions[code])
    contributor.save()
    return contributor


@audited
def remove_contributor(*, contributor: Contributor, by) -> None:
    _require_owner(by, contributor.activity, contributor.project)
    contributor.delete()


@audited
def mark_public(
    *, contributor: Contributor, by, in_office: bool | None = None, published_by_source: bool | None = None
) -> Contributor:
    """A coordinator marks (or unmarks) a name as public: its holder acted in a public office, or the source had
    already published it. None leaves a mark as it is. Who decided and when is kept with the marks."""
    _require_owner(by, contributor.activity, contributor.project)
    contributor = Contributor.objects.select_for_update().get(pk=contributor.pk)
    has_name = bool(contributor.position_id or contributor.person_id or contributor.name_as_written)
    if (in_office or published_by_source) and not has_name:
        raise DomainError(_("There is no name to show: record the person or the name as written first."),
                          code="no_name")
    changed = []
    if in_office is not None and in_office != contributor.public_in_office:
        contributor.public_in_office = in_office
        changed.append("public_in_office")
    if published_by_source is not None and published_by_source != contributor.published_by_source:
        contributor.published_by_source = published_by_source
        changed.append("published_by_source")
    if changed:
        contributor.marked_public_by = by if getattr(by, "pk", None) else None
        contributor.marked_public_at = timezone.now()
        contributor.save(update_fields=[*changed, "marked_public_by", "marked_public_at"])
    return contributor
