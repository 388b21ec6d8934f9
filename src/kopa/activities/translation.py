from modeltranslation.translator import TranslationOptions, register

from .models import (
    Activity,
    AddedKind,
    Award,
    Breakout,
    Contributor,
    Outcome,
    Photo,
    Poll,
    PollEntry,
    ProgrammeItem,
    Series,
    Session,
    WorkingGroup,
    WorkingGroupOutput,
)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description", "purpose", "target_audience", "practical_arrangements", "date_note", "venue",
              "minutes")


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "place_text")


@register(Breakout)
class BreakoutTranslation(TranslationOptions):
    fields = ("theme", "result")


@register(Contributor)
class ContributorTranslation(TranslationOptions):
    fields = ("office", "description")


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("caption", "alt_text")


@register(Poll)
class PollTranslation(TranslationOptions):
    fields = ("question",)


@register(PollEntry)
class PollEntryTranslation(TranslationOptions):
    fields = ("award",)


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "theme")


@register(WorkingGroupOutput)
class WorkingGroupOutputTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "venue")


@register(Award)
class AwardTranslation(TranslationOptions):
    fields = ("title", "recipient")


@register(AddedKind)
class AddedKindTranslation(TranslationOptions):
    fields = ("name",)
