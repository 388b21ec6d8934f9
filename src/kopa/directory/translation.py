from modeltranslation.translator import TranslationOptions, register

from .models import Country, Department, Municipality, Organisation, Position, Region


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name",)


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("title",)
