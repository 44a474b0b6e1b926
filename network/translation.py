from modeltranslation.translator import TranslationOptions, register

from .models import ContactPerson, InfoPage, Municipality, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("tagline", "introduction")


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("description",)


@register(ContactPerson)
class ContactPersonTranslation(TranslationOptions):
    fields = ("title",)


@register(InfoPage)
class InfoPageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
