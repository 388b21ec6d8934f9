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


class ApiToken(models.Model):
    """A key a script sends instead of a password (`Authorization: Bearer <secret>`). Only a SHA-256 digest of the
    random secret is kept: the secret is shown once, when the token is made. A fast hash is enough because the
    secret is 256 random bits, not a password a person chose (kopa.accounts.tokens)."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    # What the script is for, so its owner knows which token to revoke.
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.READ)
    # The secret's first characters: not enough to use it, enough to recognise it and to find its row.
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True)
    # Hex SHA-256 of the whole secret.
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Written at most once a minute, so a busy script does not write on every call.
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["read", "write"]), name="api_token_scope_known"),
            models.CheckConstraint(condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")),
                                   name="api_token_expires_after_creation"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, at) -> bool:
        """Not revoked, not expired, and its owner may still sign in."""
        return (self.revoked_at is None and (self.expires_at is None or self.expires_at > at)
                and self.user.is_active)

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.WRITE
