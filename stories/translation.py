from modeltranslation.translator import TranslationOptions, register

from .models import Story


@register(Story)
class StoryTranslation(TranslationOptions):
    fields = ("title", "body")
