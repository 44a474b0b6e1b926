from modeltranslation.translator import TranslationOptions, register

from .models import ChecklistItem, Interest


@register(Interest)
class InterestTranslation(TranslationOptions):
    fields = ("name",)


@register(ChecklistItem)
class ChecklistItemTranslation(TranslationOptions):
    fields = ("title", "explanation")
