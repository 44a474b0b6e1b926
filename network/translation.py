from modeltranslation.translator import TranslationOptions, register

from .models import ContactPerson, InfoPage, Municipality, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("short_name", "tagline", "introduction")


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = (
        "description",
        "introduction",
        "kindergartens",
        "schools",
        "health_services",
        "leisure",
        "public_transport",
        "website",
    )


@register(ContactPerson)
class ContactPersonTranslation(TranslationOptions):
    fields = ("title",)


@register(InfoPage)
class InfoPageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
