from modeltranslation.translator import TranslationOptions, register

from .models import Residence, ResidencePhoto


@register(Residence)
class ResidenceTranslation(TranslationOptions):
    fields = ("name", "description", "house_rules", "facilities")


@register(ResidencePhoto)
class ResidencePhotoTranslation(TranslationOptions):
    fields = ("alt_text",)
