"""C10 Access: who coordinates which project or organisation.

An administrator is a Django superuser; a participant is any user linked to a directory Person.
Coordinator roles are given per object, so a coordinator of one project cannot touch another.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RoleAssignment(models.Model):
    class Role(models.TextChoices):
        PROGRAMME_COORDINATOR = "programme_coordinator", _("programme coordinator")
        PARTNER_COORDINATOR = "partner_coordinator", _("partner coordinator")
        # Maps services, uploads event logs and carries improvements through (LEAN, C6); nothing else.
        LEAN_TEAM = "lean_team", _("LEAN team member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="roles", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    # A programme coordinator coordinates a project; a partner coordinator and a LEAN team member belong to
    # an organisation.
    project = models.ForeignKey(
        "projects.Project", models.CASCADE, null=True, blank=True, related_name="roles", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="programme_coordinator", project__isnull=False, organisation__isnull=True)
                    | Q(role__in=["partner_coordinator", "lean_team"], organisation__isnull=False, project__isnull=True)
                ),
                name="role_has_its_object",
            ),
            models.UniqueConstraint(fields=["user", "role", "project", "organisation"], name="role_once"),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()} – {self.project or self.organisation}"


class Throttle(models.Model):
    """How often one key (a survey link from one address, a password reset for one address) was used in one
    window of time. In the database, so every app server counts the same (kopa.accounts.throttle)."""

    key = models.CharField(_("key"), max_length=200)
    window = models.DateTimeField(_("window"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("throttle count")
        verbose_name_plural = _("throttle counts")
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="throttle_once_per_window")]

    def __str__(self):
        return f"{self.key} @ {self.window:%Y-%m-%d %H:%M}: {self.count}"
