from modeltranslation.translator import TranslationOptions, register

from .models import ProcessStep, PublicService, ServiceType


@register(ServiceType)
class ServiceTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(PublicService)
class PublicServiceTranslation(TranslationOptions):
    fields = ("name", "client_group")


@register(ProcessStep)
class ProcessStepTranslation(TranslationOptions):
    fields = ("name",)
