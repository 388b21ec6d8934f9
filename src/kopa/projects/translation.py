from modeltranslation.translator import TranslationOptions, register

from .models import Fund, FundingStatement, OutputIndicator, Programme, Project, WorkPlanItem


@register(Fund)
class FundTranslation(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name",)


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
