"""Standing working groups: created and kept by the coordinators of their project (or an administrator) — their
names and themes, topics and members."""

from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.errors import DomainError, PermissionDenied, require
from kopa.core.slugs import unique_slug
from kopa.core.translated import has_translation

from ..models import WorkingGroup

FIELDS = {"project", "name_lv", "name_lt", "name_en", "theme_lv", "theme_lt", "theme_en"}


def _apply(group: WorkingGroup, fields: dict) -> None:
    unknown = set(fields) - FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(group, name, value.strip() if isinstance(value, str) else value)
    if not has_translation(group, "name"):
        raise DomainError(_("The working group needs a name."), field="name_lv", code="required")
    if not has_translation(group, "theme"):
        raise DomainError(_("The working group needs a theme."), field="theme_lv", code="required")


@audited
def create_working_group(*, by, project, topics=(), **fields) -> WorkingGroup:
    """A working group of a project its creator coordinates (the project's coordinators then keep it)."""
    if project is None:
        raise DomainError(_("A working group belongs to a project."), field="project", code="required")
    group = WorkingGroup(project=project)
    if by is not None and not by.has_perm("activities.change_workinggroup", group):
        raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    _apply(group, fields)
    group.slug = unique_slug(WorkingGroup, group.name_en or group.name_lv or group.name_lt, fallback="group",
                             reserved=("new",))
    group.save()
    group.topics.set(topics)
    return group


@audited
def update_working_group(*, group: WorkingGroup, by, topics=None, **fields) -> WorkingGroup:
    require(by, "activities.change_workinggroup", group)
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    if "project" in fields and fields["project"] != group.project and by is not None:
        # The group moves to another project only if its editor coordinates that one too.
        if fields["project"] is None or not by.has_perm("activities.change_workinggroup",
                                                         WorkingGroup(project=fields["project"])):
            raise PermissionDenied(_("You do not have permission to do this."), code="permission")
    _apply(group, fields)
    group.save()
    if topics is not None:
        group.topics.set(topics)
    return group


@audited
def set_working_group_topics(*, group: WorkingGroup, topics, by=None) -> WorkingGroup:
    """Put a working group on topics; its project's coordinators (or an administrator) may."""
    require(by, "activities.change_workinggroup", group)
    group.topics.set(topics)
    return group


@audited
def add_member(*, group: WorkingGroup, person, by) -> WorkingGroup:
    require(by, "activities.change_workinggroup", group)
    if group.members.filter(pk=person.pk).exists():
        raise DomainError(_("%(person)s is already a member.") % {"person": person}, field="person",
                          code="duplicate")
    group.members.add(person)
    return group


@audited
def remove_member(*, group: WorkingGroup, person, by) -> WorkingGroup:
    require(by, "activities.change_workinggroup", group)
    group.members.remove(person)
    return group
