from modeltranslation.translator import TranslationOptions, register

from .models import (
    CallForProposals,
    Fund,
    FundingStatement,
    Output,
    OutputIndicator,
    Programme,
    ProgrammePriority,
    Project,
    ReportedAchievement,
    WorkPlanItem,
)


@register(Fund)
class FundTranslation(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ProgrammePriority)
class ProgrammePriorityTranslation(TranslationOptions):
    fields = ("title",)


@register(CallForProposals)
class CallForProposalsTranslation(TranslationOptions):
    fields = ("title",)


@register(FundingStatement)
class FundingStatementTranslation(TranslationOptions):
    fields = ("text", "logo_alt")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "objective")


@register(WorkPlanItem)
class WorkPlanItemTranslation(TranslationOptions):
    fields = ("title",)


@register(OutputIndicator)
class OutputIndicatorTranslation(TranslationOptions):
    fields = ("name", "unit")


@register(Output)
class OutputTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ReportedAchievement)
class ReportedAchievementTranslation(TranslationOptions):
    fields = ("what", "text")
