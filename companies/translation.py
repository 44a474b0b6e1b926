from modeltranslation.translator import TranslationOptions, register

from .models import Campaign, Company, JobOpening, ProfessionalField, ServiceOffer, WorkingGroup


@register(ProfessionalField)
class ProfessionalFieldTranslation(TranslationOptions):
    fields = ("name",)


@register(Company)
class CompanyTranslation(TranslationOptions):
    fields = ("presentation",)


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ServiceOffer)
class ServiceOfferTranslation(TranslationOptions):
    fields = ("title", "description")


@register(JobOpening)
class JobOpeningTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("title", "pitch")
