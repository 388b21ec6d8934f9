"""The outbox: every e-mail Kopā sends is a row here first (recipient, kind, language, content, state), so the
organiser and the person can see what was sent, what failed and who could not be reached — never a silent
zero. Organisers' own wording of a kind of message is a MessageTemplate."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        BOUNCED = "bounced", _("refused by the recipient's server")
        UNREACHABLE = "unreachable", _("not reachable: no e-mail address")
        OPTED_OUT = "opted_out", _("not sent: asked for no such mail")

    kind = models.CharField(_("kind of message"), max_length=40, db_index=True)
    person = models.ForeignKey("directory.Person", models.SET_NULL, null=True, blank=True, related_name="messages",
                               verbose_name=_("person"))
    # An organiser told about their activity may be a user with no directory entry.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("user"))
    to_name = models.CharField(_("recipient"), max_length=200, blank=True)
    to_address = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(blank=True)
    # Essential mail (about one's own registration) goes to everyone; the rest respects a "no such mail" wish and
    # carries List-Unsubscribe.
    essential = models.BooleanField(_("essential"), default=True)
    # Written and sent by a machine, not a person (Auto-Submitted: auto-generated).
    automatic = models.BooleanField(default=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A failed attempt is tried again from this time on (back-off); empty: as soon as a worker takes it.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    activity = models.ForeignKey("activities.Activity", models.SET_NULL, null=True, blank=True,
                                 related_name="messages", verbose_name=_("activity"))
    questionnaire = models.ForeignKey("surveys.Questionnaire", models.SET_NULL, null=True, blank=True,
                                      related_name="messages", verbose_name=_("questionnaire"))
    mailing = models.ForeignKey("messaging.Mailing", models.CASCADE, null=True, blank=True, related_name="messages",
                                verbose_name=_("mailing"))
    # What the message is about, once: a scheduled run that finds the key taken sends nothing again.
    key = models.CharField(max_length=200, blank=True, default="")
    # [{"name", "file" (its storage name), "path" (older messages) or "content", "mimetype"}]
    attachments = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="message_key_once")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="message_due")]

    def __str__(self):
        return f"{self.subject} → {self.to_address or self.to_name}"


class MessageTemplate(models.Model):
    """An organiser's wording of one kind of message for a project or one activity, in up to three languages; a
    language left empty keeps Kopā's default text in that language."""

    kind = models.CharField(_("kind of message"), max_length=40)
    project = models.ForeignKey("projects.Project", models.CASCADE, null=True, blank=True,
                                related_name="message_templates", verbose_name=_("project"))
    activity = models.ForeignKey("activities.Activity", models.CASCADE, null=True, blank=True,
                                 related_name="message_templates", verbose_name=_("activity"))
    subject_lv = models.CharField(_("subject (Latvian)"), max_length=300, blank=True)
    subject_lt = models.CharField(_("subject (Lithuanian)"), max_length=300, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=300, blank=True)
    body_lv = models.TextField(_("text (Latvian)"), blank=True)
    body_lt = models.TextField(_("text (Lithuanian)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.CheckConstraint(condition=Q(project__isnull=True) ^ Q(activity__isnull=True),
                                   name="template_of_project_or_activity"),
            models.UniqueConstraint(fields=["kind", "project"], condition=Q(project__isnull=False),
                                    name="template_once_per_project"),
            models.UniqueConstraint(fields=["kind", "activity"], condition=Q(activity__isnull=False),
                                    name="template_once_per_activity"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.activity or self.project}"


class Mailing(models.Model):
    """An organiser writing to some of an activity's registrants; its messages are built and sent by a worker."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        DONE = "done", _("done")

    activity = models.ForeignKey("activities.Activity", models.CASCADE, related_name="mailings",
                                 verbose_name=_("activity"))
    # Who receives it: registration statuses, organisation, session, breakout, attended (see mailings.recipients).
    filters = models.JSONField(default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    # The same mailing in other languages, {"lt": [subject, text], …}: each recipient reads their own where given.
    texts = models.JSONField(default=dict, blank=True)
    materials = models.ManyToManyField("activities.Material", blank=True, related_name="+",
                                       verbose_name=_("attachments"))
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("sender"))
    copy_to_sender = models.BooleanField(_("send me a copy"), default=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject
