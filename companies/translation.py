from modeltranslation.translator import TranslationOptions, register

from .models import ProfessionalField


@register(ProfessionalField)
class ProfessionalFieldTranslation(TranslationOptions):
    fields = ("name",)
