"""Entries coordinators add to shared lists (the directory, programmes, funds) are marked "added by X, not yet
reviewed" until an administrator reviews them: anyone may add what a text names, and the list stays trustworthy."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reviewable(models.Model):
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("added by"))
    added_at = models.DateTimeField(_("added"), null=True, blank=True)
    # Empty while an addition awaits an administrator; entries from reference data and migrations count as reviewed.
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def awaiting_review(self) -> bool:
        return self.added_by_id is not None and self.reviewed_at is None


def mark_added(obj, by) -> None:
    """Services call this before saving a new entry; `by=None` (reference data, imports) needs no review."""
    if by is not None and not by.is_staff:
        obj.added_by, obj.added_at = by, timezone.now()
        obj.reviewed_by = obj.reviewed_at = None
    else:
        obj.added_by, obj.added_at = by, timezone.now()
        obj.reviewed_by, obj.reviewed_at = by, timezone.now()


def mark_reviewed(obj, by) -> None:
    obj.reviewed_by, obj.reviewed_at = by, timezone.now()
