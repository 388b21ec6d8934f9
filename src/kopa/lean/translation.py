from modeltranslation.translator import TranslationOptions, register

from .models import Improvement, ProcessStep, PublicService, ServiceType


@register(ServiceType)
class ServiceTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(PublicService)
class PublicServiceTranslation(TranslationOptions):
    fields = ("name", "client_group")


@register(ProcessStep)
class ProcessStepTranslation(TranslationOptions):
    fields = ("name",)


@register(Improvement)
class ImprovementTranslation(TranslationOptions):
    fields = ("title", "description", "expected_effect")
