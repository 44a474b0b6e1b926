from modeltranslation.translator import TranslationOptions, register

from .models import ContactPerson, Municipality, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("tagline", "introduction")


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("description",)


@register(ContactPerson)
class ContactPersonTranslation(TranslationOptions):
    fields = ("title",)
