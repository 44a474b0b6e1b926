import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from careers.models import CareerProfile
from network.models import TravelTime, User
from newcomers.models import Partner
from tests.companies.factories import PDF_BYTES
from tests.network.factories import MunicipalityFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory


class PartnerUserFactory(UserFactory):
    kind = User.Kind.PARTNER


class PartnerFactory(factory.django.DjangoModelFactory):
    """A newcomer's partner with an account of their own: the household linked both ways."""

    class Meta:
        model = Partner

    profile = factory.SubFactory(NewcomerProfileFactory)
    user = factory.SubFactory(PartnerUserFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    email = factory.SelfAttribute("user.email")


class CareerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(PartnerUserFactory)
    education = CareerProfile.Education.MASTER
    years_experience = 5
    norwegian_level = "B1"
    english_level = "C1"
    max_commute_minutes = 45
    driving_licence = True
    shown_to_companies_at = factory.LazyFunction(timezone.now)

    class Params:
        with_cv = factory.Trait(cv=factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="cv.pdf")))

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.professional_fields.set(extracted)


class TravelTimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TravelTime

    origin = factory.SubFactory(MunicipalityFactory)
    destination = factory.SubFactory(MunicipalityFactory)
    car_minutes = 25
    transit_minutes = 40


def partner_with_profile(*, municipality=None, **profile_kwargs) -> CareerProfile:
    """A partner account in a household (living in `municipality`) with a career profile."""
    household = NewcomerProfileFactory(**({"municipality": municipality} if municipality else {}))
    partner = PartnerFactory(profile=household)
    return CareerProfileFactory(user=partner.user, **profile_kwargs)
