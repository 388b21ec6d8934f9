"""The audit trail's rows. Append-only: nothing updates or deletes an entry — not the code (save, delete and the
querysets refuse), not the back office (no change or delete permission), and on PostgreSQL not even SQL (a
trigger refuses UPDATE and DELETE; SQLite refuses UPDATE — its test databases are emptied with DELETE).

An entry names its object by content type and primary key and a label that names no one (a person is
"Person #12"), so the log outlives the object and an erasure never has to rewrite it. The personal values of a
change (a name, an e-mail, an answer) are not in the entry but in PersonalValue beside it, under the person they
are about: the erasure of that person deletes them, the entry keeps saying that the field changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """Something tried to change or remove an audit entry."""


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("the audit trail is append-only")

    def delete(self):
        raise AppendOnly("the audit trail is append-only")


class Entry(models.Model):
    class Channel(models.TextChoices):
        PAGE = "page", _("page")
        API = "api", _("API")
        ADMIN = "admin", _("back office")
        TASK = "task", _("background job")
        COMMAND = "command", _("command")
        IMPORT = "import", _("import")
        SYSTEM = "system", _("system")

    class ActorKind(models.TextChoices):
        USER = "user", _("user")
        SYSTEM = "system", _("system")
        IMPORT = "import", _("import")

    at = models.DateTimeField(_("when"), db_index=True)
    # No foreign keys: the log outlives users and objects, and a cascade must never reach it.
    actor_id = models.BigIntegerField(_("user number"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("who"), max_length=150)
    actor_kind = models.CharField(_("kind of actor"), max_length=10, choices=ActorKind.choices)
    role = models.CharField(_("role"), max_length=200, blank=True)
    channel = models.CharField(_("through"), max_length=10, choices=Channel.choices)
    action = models.CharField(_("action"), max_length=120, db_index=True)
    # "activities.registration"
    model = models.CharField(_("kind of object"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object number"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    # Where the object belongs, so a project's or an activity's history gathers what happened inside it.
    project_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    activity_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # {"field": {"old": …, "new": …}}; a personal field says {"personal": true} (values in PersonalValue),
    # a secret one (a password) {"secret": true} with no value anywhere.
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    failed = models.BooleanField(_("failed"), default=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["model", "object_id", "at"], name="audit_object_at")]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("the audit trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("the audit trail is append-only")

    def role_display(self) -> str:
        """The roles, stored as codes when the entry was written, in the reader's language."""
        from kopa.accounts.models import RoleAssignment

        names = {**dict(RoleAssignment.Role.choices), "administrator": _("administrator")}
        return ", ".join(str(names.get(code, code)) for code in self.role.split(",") if code)


class PersonalValue(models.Model):
    """The old and new value of a personal field of one entry, kept under the person it is about so that erasing
    the person removes it (the only rows of the audit trail anything deletes)."""

    entry = models.ForeignKey(Entry, models.DO_NOTHING, db_constraint=False, related_name="personal_values")
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    user_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    field = models.CharField(max_length=100)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"{self.entry_id}: {self.field}"

