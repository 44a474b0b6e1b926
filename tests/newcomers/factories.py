import factory
from django.utils import timezone

from newcomers.models import ChecklistItem, Interest, NewcomerProfile
from tests.network.factories import MunicipalityFactory, UserFactory


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ("slug",)

    name_nb = factory.Sequence(lambda n: f"Interesse {n}")
    name_en = factory.Sequence(lambda n: f"Interest {n}")
    slug = factory.Sequence(lambda n: f"interest-{n}")


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    title_nb = factory.Sequence(lambda n: f"Oppgave {n}")
    title_en = factory.Sequence(lambda n: f"Task {n}")
    explanation_nb = "Forklaring"
    explanation_en = "Explanation"
    link = "https://www.udi.no/en/"
    position = factory.Sequence(int)


class NewcomerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewcomerProfile

    user = factory.SubFactory(UserFactory)
    citizenship = "IN"
    municipality = factory.SubFactory(MunicipalityFactory)
    data_consent_at = factory.LazyFunction(timezone.now)
    step = NewcomerProfile.Step.DONE
    completed_at = factory.LazyFunction(timezone.now)
