"""Topics: the fields municipalities work in (tourism, culture, social services …), a shared vocabulary.

Low in the house (imports only core): activities, projects, working groups and needs point to a topic;
the topic page collects them through a registry the higher apps fill (topics imports none of them).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # A narrower topic sits under a broader one ("waste and water" under "environment"); no cycles.
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("broader topic")
    )
    # Other words texts use for it, in any language, one per line ("komunālā saimniecība", "utilities").
    synonyms = models.TextField(_("synonyms"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="topic_not_own_parent"),
            # One name, one topic, in each language whatever the case: two "Tūrisms" would split the records.
            # The service compares with Python's casefold (SQLite's lower() knows only ASCII); this is the
            # database's guard against two writers at once. Languages without a name are NULL, not repeated.
            *(
                models.UniqueConstraint(
                    Lower(f"name_{code}"), condition=Q(**{f"name_{code}__gt": ""}), name=f"topic_name_{code}_unique",
                    violation_error_message=_("Another topic already has this name."),
                )
                for code in ("lv", "lt", "en")
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topics:topic", args=[self.slug])

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]
