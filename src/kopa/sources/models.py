"""Sources: where a fact in Kopā came from (a news post, a project card, a programme's document).

Any record of any app (a project, an activity, an organisation, a person, an output …) cites sources through a
generic reference (content type + id), so this app imports none of the apps whose records it serves; only the
directory, for the organisation that published a source. A value a source states for one field is kept as
that source wrote it; where sources disagree, every value stays with its source and one is marked as used.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopa.core.dates import DatePrecision, StatedDates, stated_dates_text


class Source(StatedDates):
    """One publication, cited by any number of records. Its publication date is kept as precisely as it is
    known (a web page often shows only a year), through the same stated dates as activities."""

    # The web address; empty for a printed leaflet or a document received by mail. Unique where given, so one
    # news post is one source however many records cite it.
    url = models.URLField(_("address"), max_length=1000, blank=True)
    # As the source itself is titled, in its own language (not translated: it is a quotation).
    title = models.CharField(_("title"), max_length=500)
    # Who published it, as written ("Vidzemes plānošanas reģions", "LETA"); `organisation` links it to the
    # directory where the publisher is there. Either, both or neither may be given.
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("publishing organisation"),
    )
    # The language the source is written in, as an ISO 639 code ("lv", "lt", "en", "de" …); empty: not known.
    language = models.CharField(_("language"), max_length=3, blank=True)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    # A publication date is often not known: unlike an activity, "not stated" is the default.
    date_precision = models.CharField(
        _("precision of the date"), max_length=20, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=Q(url__gt=""), name="source_url_unique",
                violation_error_message=_("A source with this address is already recorded."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="source_has_title"),
        ]

    def __str__(self):
        return self.title

    @property
    def published_text(self) -> str:
        """The publication date as the source states it, in the active language; empty when not stated."""
        if self.date_precision == DatePrecision.UNKNOWN and not self.year_from:
            return ""
        return stated_dates_text(self, short=False)


class Citation(models.Model):
    """A record cites a source, as a whole or for one of its fields ("budget"), at a place in it ("p. 3")."""

    source = models.ForeignKey(Source, models.PROTECT, related_name="citations", verbose_name=_("source"))
    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+", verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    # The record's field the source is cited for (a model field name, e.g. "total_amount"); empty: the record.
    field = models.CharField(_("field"), max_length=100, blank=True)
    locator = models.CharField(_("place in the source"), max_length=200, blank=True)  # "p. 3", "section 2.1"
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_record")]
        constraints = [
            # Citing the same source twice for the same field says nothing more; the locator can list pages.
            models.UniqueConstraint(
                fields=["source", "content_type", "object_id", "field"], name="citation_once_per_field",
                violation_error_message=_("This source is already cited for this."),
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.content_type.app_label}.{self.content_type.model} {self.object_id}"


class SourcedValue(models.Model):
    """What one source states for one field of a record, as written there ("1 000 000 Lt", "18 months").

    Kept as text on purpose: the record's own field is typed and owned by its app (a budget is an amount in a
    currency with that app's rounding rule), so this app never writes it. Two sources that disagree leave two
    rows; the one marked `used` is the value the record goes by, and the database allows one such row per field.
    """

    source = models.ForeignKey(Source, models.PROTECT, related_name="values", verbose_name=_("source"))
    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+", verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=100)
    value = models.CharField(_("value as stated"), max_length=1000)
    locator = models.CharField(_("place in the source"), max_length=200, blank=True)
    used = models.BooleanField(_("used"), default=False)  # the value the record goes by
    note = models.TextField(_("note"), blank=True)  # why this value was (not) used
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("value from a source")
        verbose_name_plural = _("values from sources")
        ordering = ["field", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="sourced_value_record")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], condition=Q(used=True), name="sourced_value_one_used",
                violation_error_message=_("Another value is already used for this field."),
            ),
            # One source states one value for a field; a correction is a change of that row, not a second one.
            models.UniqueConstraint(
                fields=["source", "content_type", "object_id", "field"], name="sourced_value_once_per_source",
                violation_error_message=_("This source already has a value for this field."),
            ),
            models.CheckConstraint(condition=~Q(field=""), name="sourced_value_has_field"),
        ]

    def __str__(self):
        return f"{self.field}: {self.value}"
