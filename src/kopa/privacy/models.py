"""What Kopā records about personal data itself: each consent given or withdrawn, and each erasure."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """One consent given or withdrawn, with when and how: the person's current choice is the latest row of each
    kind (and is mirrored on Person, where the pages read it)."""

    class Kind(models.TextChoices):
        PHOTOS = "photos", _("to be shown in public photos")
        PUBLICATION = "publication", _("to be named in publications")
        MAILINGS = "mailings", _("to receive mailings and survey reminders")

    class How(models.TextChoices):
        PAGE = "page", _("on their own page")
        FORM = "form", _("on a registration form")
        IMPORT = "import", _("in an import")
        ADMIN = "admin", _("by an administrator")
        ERASURE = "erasure", _("withdrawn by the erasure of their data")

    person = models.ForeignKey("directory.Person", models.CASCADE, related_name="consents",
                               verbose_name=_("person"))
    kind = models.CharField(_("consent to"), max_length=20, choices=Kind.choices)
    given = models.BooleanField(_("given"))  # False: withdrawn (or refused)
    at = models.DateTimeField(_("when"))
    how = models.CharField(_("how"), max_length=20, choices=How.choices)
    # The user who recorded it: the person themselves, an organiser, an administrator; empty for the system.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                           verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["person", "kind", "at", "pk"]
        indexes = [models.Index(fields=["person", "kind", "at"], name="consent_latest")]

    def __str__(self):
        return f"{self.person_id}: {self.kind} {'✓' if self.given else '✗'} {self.at:%Y-%m-%d}"


class Erasure(models.Model):
    """That a person's data was erased: who, when and why — and nothing of what was erased (the person's number
    only, which now names the anonymous placeholder)."""

    person = models.ForeignKey("directory.Person", models.SET_NULL, null=True, blank=True, related_name="erasures",
                               verbose_name=_("placeholder"))
    person_number = models.PositiveBigIntegerField(_("number of the person"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                           verbose_name=_("erased by"))  # empty: the retention command
    at = models.DateTimeField(_("erased"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=500)
    # {"what": number of rows anonymised}: what the erasure touched, never the values.
    changed = models.JSONField(_("rows anonymised"), default=dict)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"#{self.person_number} {self.at:%Y-%m-%d}"
