from modeltranslation.translator import TranslationOptions, register

from .models import Slot


@register(Slot)
class SlotTranslation(TranslationOptions):
    fields = ("place", "note")
