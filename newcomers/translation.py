from modeltranslation.translator import TranslationOptions, register

from .models import ChecklistItem, ChecklistItemMunicipalLink, Interest


@register(Interest)
class InterestTranslation(TranslationOptions):
    fields = ("name",)


@register(ChecklistItem)
class ChecklistItemTranslation(TranslationOptions):
    # The official page in the reader's language where the agency has one (falls back to nb).
    fields = ("title", "explanation", "link")


@register(ChecklistItemMunicipalLink)
class ChecklistItemMunicipalLinkTranslation(TranslationOptions):
    fields = ("link",)
