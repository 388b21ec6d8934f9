"""C4 Needs surveys: questionnaires, invitations, responses, and the needs they reveal, traced to activities."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopa.activities.models import Activity
from kopa.directory.models import Department, Municipality, Organisation, Person
from kopa.projects.models import Project, WorkPlanItem


class Need(models.Model):
    """A problem area of a project's partners (service quality, IT, tourism …), and what answers it."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="needs", verbose_name=_("project"))
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    activities = models.ManyToManyField(Activity, blank=True, related_name="needs",
                                        verbose_name=_("activities that answer it"))
    work_plan_items = models.ManyToManyField(WorkPlanItem, blank=True, related_name="needs",
                                             verbose_name=_("work plan items that answer it"))
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="needs", verbose_name=_("topics"))

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["project", "code"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="need_code_once_per_project")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("surveys:coverage", args=[self.project_id]) + f"#need-{self.pk}"


class Questionnaire(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CLOSED = "closed", _("closed")

    class Purpose(models.TextChoices):
        NEEDS = "needs", _("needs survey")
        FEEDBACK = "feedback", _("feedback on an activity")
        OTHER = "other", _("other")

    project = models.ForeignKey(Project, models.CASCADE, null=True, blank=True, related_name="questionnaires",
                                verbose_name=_("project"))
    activity = models.ForeignKey(Activity, models.CASCADE, null=True, blank=True, related_name="questionnaires",
                                 verbose_name=_("activity"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.NEEDS)
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True,
                                    help_text=_("Answers are stored without any link to the person who gave them."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField("self", models.SET_NULL, null=True, blank=True, related_name="next_version",
                                    verbose_name=_("previous version"))
    # The open link: anyone with it may answer (once per browser); invitations carry their own tokens.
    open_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    open_link = models.BooleanField(_("open link"), default=False)
    sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True)
                                   | Q(closes_at__gt=models.F("opens_at")), name="questionnaire_closes_after_opening"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:questionnaire", args=[self.pk])


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, models.CASCADE, related_name="sections",
                                      verbose_name=_("questionnaire"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        LIKERT = "likert", _("scale (1–5)")
        RANKING = "ranking", _("ranking")
        NUMBER = "number", _("number")
        TEXT = "text", _("free text")

    section = models.ForeignKey(Section, models.CASCADE, related_name="questions", verbose_name=_("section"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=60)  # the column name in exports
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    # Shown only when another question was answered with this choice.
    show_if_choice = models.ForeignKey("Choice", models.SET_NULL, null=True, blank=True, related_name="reveals",
                                       verbose_name=_("shown only if this was chosen"))
    ranking_size = models.PositiveSmallIntegerField(_("how many to rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "position", "pk"]

    def __str__(self):
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, models.CASCADE, related_name="choices", verbose_name=_("question"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("answer"), max_length=300)
    # A ranking's options are the project's needs: how strongly each was expressed comes from the ranks.
    need = models.ForeignKey(Need, models.SET_NULL, null=True, blank=True, related_name="choices",
                             verbose_name=_("need"))

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.label


class Invitation(models.Model):
    """A personal link to one questionnaire. An anonymous survey keeps the unfinished answers here and, once
    submitted, only that it was answered: the response itself carries no link back to the person."""

    questionnaire = models.ForeignKey(Questionnaire, models.CASCADE, related_name="invitations",
                                      verbose_name=_("questionnaire"))
    person = models.ForeignKey(Person, models.CASCADE, related_name="survey_invitations", verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("organisation"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    # Anonymous questionnaire: set to sent_at on answering (only *that* it was answered), never the time of it.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    draft = models.JSONField(_("unfinished answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "person"], name="invited_once")]

    def __str__(self):
        return f"{self.questionnaire}: {self.person}"


class Response(models.Model):
    """One submitted set of answers. Identified surveys: who and where from, and when. Anonymous ones: only the
    country and municipality, and the day (midnight, local time); no person, invitation, organisation,
    department or position (services.submit, migration 0003 for the rows stored before)."""

    questionnaire = models.ForeignKey(Questionnaire, models.CASCADE, related_name="responses",
                                      verbose_name=_("questionnaire"))
    invitation = models.OneToOneField(Invitation, models.SET_NULL, null=True, blank=True, related_name="response",
                                      verbose_name=_("invitation"))
    person = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True, related_name="survey_responses",
                               verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("organisation"))
    municipality = models.ForeignKey(Municipality, models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("municipality"))
    country_code = models.CharField(_("country"), max_length=2, blank=True)
    department = models.ForeignKey(Department, models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("department"))
    position_title = models.CharField(_("position"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["pk"]
        # The results' stamp (surveys.remembered) counts a questionnaire's responses and takes the newest: both
        # on this index alone (100,000 responses: 28 -> 4 ms), not by reading every response.
        indexes = [models.Index(fields=["questionnaire", "id"], name="response_by_questionnaire")]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=True) | Q(invitation__isnull=False),
                                   name="identified_response_has_invitation"),
        ]

    def __str__(self):
        return f"{self.questionnaire} #{self.pk}"


class Answer(models.Model):
    """One value of a response: a choice (several rows for multiple choice), a rank, a number or a text."""

    response = models.ForeignKey(Response, models.CASCADE, related_name="answers", verbose_name=_("response"))
    question = models.ForeignKey(Question, models.CASCADE, related_name="answers", verbose_name=_("question"))
    choice = models.ForeignKey(Choice, models.CASCADE, null=True, blank=True, related_name="answers",
                               verbose_name=_("choice"))
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "choice"])]
        constraints = [
            models.UniqueConstraint(fields=["response", "question", "choice"], name="choice_once_per_answer"),
            models.UniqueConstraint(fields=["response", "question", "rank"], name="rank_once_per_answer"),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.choice or self.number or self.text}"
