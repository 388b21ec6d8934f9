"""People in an activity as the sources name them: a presenter with a position, a named person with no position,
an office ("the Ambassador of Norway to Latvia") with or without a name, an organisation with no named speaker,
or an unnamed role ("a freelance lecturer"). Whether a name may be shown is `kopa.directory.naming.may_name`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopa.directory.models import Organisation, Person, Position
from kopa.directory.naming import contributor_text

from .activity import Activity, Breakout, ProgrammeItem

LANGUAGES = ("lv", "lt", "en")


def _filled(field: str) -> Q:
    """The translated column is filled in at least one language. Written as IS NOT NULL and > '' so that a NULL
    column (modeltranslation's empty language) counts as empty: a CHECK passes on NULL otherwise."""
    condition = Q()
    for code in LANGUAGES:
        condition |= Q(**{f"{field}_{code}__isnull": False, f"{field}_{code}__gt": ""})
    return condition


class Contributor(models.Model):
    """Someone with a role at an activity (optionally at one programme item or one parallel group of it), or in a
    project as a whole (its project manager, its contact person)."""

    class Role(models.TextChoices):
        PRESENTER = "presenter", _("presenter")
        HOST = "host", _("host")
        MODERATOR = "moderator", _("moderator")
        TRAINER = "trainer", _("trainer")
        PHOTOGRAPHER = "photographer", _("photographer")
        PROJECT_MANAGER = "project_manager", _("project manager")
        CONTACT_PERSON = "contact_person", _("contact person")
        OTHER = "other", _("other role")

    class Kind(models.TextChoices):
        """What the source tells about who it was (derived from the filled fields, never stored)."""

        POSITION = "position", _("a person with a position")
        PERSON = "person", _("a named person")
        OFFICE = "office", _("an office")
        ORGANISATION = "organisation", _("an organisation")
        DESCRIPTION = "description", _("a description")

    activity = models.ForeignKey(Activity, models.CASCADE, null=True, blank=True, related_name="contributors",
                                 verbose_name=_("activity"))
    # Instead of an activity: a role in a whole project, as its card names it.
    project = models.ForeignKey("projects.Project", models.CASCADE, null=True, blank=True,
                                related_name="contributors", verbose_name=_("project"))
    # Empty for a role in the whole activity (its host, its photographer, its contact person).
    programme_item = models.ForeignKey(
        ProgrammeItem, models.CASCADE, null=True, blank=True, related_name="contributors",
        verbose_name=_("programme item"),
    )
    breakout = models.ForeignKey(
        Breakout, models.CASCADE, null=True, blank=True, related_name="contributors", verbose_name=_("parallel group")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.PRESENTER)
    # A named person with the position held at the time (shown with it); CASCADE: erasing a person's
    # positions erases what names them, as the earlier list of presenters did.
    position = models.ForeignKey(
        Position, models.CASCADE, null=True, blank=True, related_name="contributions", verbose_name=_("position")
    )
    # A named person with no position recorded, or the holder of `office`.
    person = models.ForeignKey(
        Person, models.CASCADE, null=True, blank=True, related_name="contributions", verbose_name=_("person")
    )
    # An office as the source names it ("the Ambassador of Norway to Latvia", "the Ombudsman"); translated.
    office = models.CharField(_("office"), max_length=300, blank=True)
    # The organisation presenting with no named speaker, or the one a described role belongs to.
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="contributions",
        verbose_name=_("organisation"),
    )
    # An unnamed role ("a freelance lecturer", "trainers of the company"); translated.
    description = models.CharField(_("description"), max_length=300, blank=True)
    # The name exactly as the source wrote it ("J. Bērziņš"), shown instead of the directory's name.
    name_as_written = models.CharField(_("name as written in the source"), max_length=200, blank=True)
    # Publicity marked by a coordinator: the person acted in a public office, or the source already published
    # the name. Either lets the name be shown without the person's own consent (see directory.naming).
    # `marked_public_by` and `marked_public_at`: who last set or cleared either mark, and when.
    public_in_office = models.BooleanField(_("acting in a public office"), default=False)
    published_by_source = models.BooleanField(_("name already published by the source"), default=False)
    marked_public_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("marked public by"),
    )
    marked_public_at = models.DateTimeField(_("marked public"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["activity", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position__isnull=False) | Q(person__isnull=False) | Q(organisation__isnull=False)
                | _filled("office") | _filled("description"),
                name="contributor_says_who",
            ),
            models.CheckConstraint(
                condition=Q(programme_item__isnull=True) | Q(breakout__isnull=True),
                name="contributor_in_one_part",
            ),
            models.CheckConstraint(
                condition=Q(activity__isnull=False, project__isnull=True)
                | Q(activity__isnull=True, project__isnull=False, programme_item__isnull=True, breakout__isnull=True),
                name="contributor_of_activity_or_project",
            ),
            # Publicity always says when it was marked.
            models.CheckConstraint(
                condition=Q(public_in_office=False, published_by_source=False) | Q(marked_public_at__isnull=False),
                name="contributor_public_marked_when",
            ),
        ]

    def __str__(self):
        return contributor_text(self)  # as the public reads it

    @property
    def kind(self) -> str:
        if self.position_id:
            return self.Kind.POSITION
        if any(getattr(self, f"office_{code}", "") for code in LANGUAGES) or self.office:
            return self.Kind.OFFICE
        if self.person_id:
            return self.Kind.PERSON
        if any(getattr(self, f"description_{code}", "") for code in LANGUAGES) or self.description:
            return self.Kind.DESCRIPTION
        return self.Kind.ORGANISATION
