"""What a project produced that is not an event, and the results it reports about itself."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from kopa.audit import audited
from kopa.core.dates import STATED_DATE_FIELDS, DatePrecision, apply_stated_dates
from kopa.core.errors import DomainError, require
from kopa.core.files import document_validators
from kopa.core.translated import has_translation

from ..models import (
    Output,
    OutputAttachment,
    Project,
    ReportedAchievement,
)
from .projects import _log_related

OUTPUT_FIELDS = {"description_lv", "description_lt", "description_en", *STATED_DATE_FIELDS}


@audited
def add_output(*, project: Project, by=None, kind: str, title_lv: str = "", title_lt: str = "", title_en: str = "",
               topics=(), links=(), files=(), **fields) -> Output:
    """An output that is not an event (a guideline, a study, equipment …), dated as precisely as stated, with its
    links (`links`: (address, title) pairs) and files (`files`: (uploaded file, title) pairs)."""
    require(by, "projects.add_output", project)
    unknown = set(fields) - OUTPUT_FIELDS
    if unknown:
        raise DomainError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if kind not in Output.Kind.values:
        raise DomainError(_("Unknown kind of output."), field="kind", code="invalid")
    fields.setdefault("date_precision", DatePrecision.UNKNOWN if not fields.get("start_date") else DatePrecision.DAY)
    output = Output(project=project, kind=kind, title_lv=title_lv, title_lt=title_lt, title_en=title_en, **fields)
    if not has_translation(output, "title"):
        raise DomainError(_("The output needs a title."), field="title_lv", code="required")
    for name in ("description_lv", "description_lt", "description_en"):
        setattr(output, name, getattr(output, name) or "")
    apply_stated_dates(output)
    attachments = []
    validate_url = URLValidator(schemes=["http", "https"])
    for url, title in links:
        try:
            validate_url(url or "")
        except ValidationError as error:
            raise DomainError(_("Enter a valid address (https://…)."), field="links", code="invalid") from error
        attachments.append(OutputAttachment(url=url, title=(title or "").strip()))
    for upload, title in files:
        for validator in document_validators:
            try:
                validator(upload)
            except ValidationError as error:
                raise DomainError(" ".join(error.messages), field="files", code="invalid") from error
        attachments.append(OutputAttachment(file=upload, title=(title or "").strip()))
    output.save()
    output.topics.set(topics)
    _log_related(output, "projects.add_output", "topics", [], topics)
    for position, attachment in enumerate(attachments):
        attachment.output, attachment.position = output, position
        attachment.save()
    return output


@audited
def remove_output(*, output: Output, by=None) -> None:
    require(by, "projects.delete_output", output.project)
    output.delete()


@audited
def add_achievement(*, project: Project, by=None, what_lv: str = "", what_lt: str = "", what_en: str = "",
                    value: int | None = None, qualifier: str = ReportedAchievement.Qualifier.EXACTLY,
                    text_lv: str = "", text_lt: str = "", text_en: str = "", source: str = "",
                    reported_on: date | None = None) -> ReportedAchievement:
    """A result as the project reports it ("reached more than 120 specialists"); never added to the indicators."""
    require(by, "projects.add_reportedachievement", project)
    if qualifier not in ReportedAchievement.Qualifier.values:
        raise DomainError(_("Unknown qualifier."), field="qualifier", code="invalid")
    if value is not None and int(value) < 0:
        raise DomainError(_("A number cannot be negative."), field="value", code="negative")
    achievement = ReportedAchievement(project=project, what_lv=what_lv, what_lt=what_lt, what_en=what_en,
                                      value=value, qualifier=qualifier, text_lv=text_lv, text_lt=text_lt,
                                      text_en=text_en, source=(source or "").strip(), reported_on=reported_on)
    if not has_translation(achievement, "what"):
        raise DomainError(_("Say what was achieved."), field="what_lv", code="required")
    achievement.save()
    return achievement


@audited
def remove_achievement(*, achievement: ReportedAchievement, by=None) -> None:
    require(by, "projects.delete_reportedachievement", achievement.project)
    achievement.delete()
