from modeltranslation.translator import TranslationOptions, register

from .models import Choice, Need, Question, Questionnaire, Section


@register(Need)
class NeedTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Questionnaire)
class QuestionnaireTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)
