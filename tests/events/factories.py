import datetime as dt

import factory
from django.utils import timezone

from events.models import Audience, CalendarToken, Category, Event, EventLanguage, SignUp
from tests.network.factories import MunicipalityFactory, UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name_nb = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    colour = "#1f6f8b"
    icon = "🚶"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_nb = factory.Sequence(lambda n: f"Byvandring {n}")
    title_en = factory.Sequence(lambda n: f"City walk {n}")
    summary_nb = "En rolig tur gjennom sentrum."
    summary_en = "An easy walk through the town centre."
    description_nb = "Vi møtes ved torget og går sammen."
    description_en = "We meet at the square and walk together."
    category = factory.SubFactory(CategoryFactory)
    audience = Audience.EVERYONE
    municipality = factory.SubFactory(MunicipalityFactory)
    venue_name = "Torvet"
    address = "Torvet 1, 1606 Fredrikstad"
    organiser = "Expat network"
    language = EventLanguage.ENGLISH
    price_nok = 0
    capacity = 20
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    status = Event.Status.PUBLISHED


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignUp

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = SignUp.Status.CONFIRMED
    price_nok = factory.LazyAttribute(lambda o: o.event.price_nok)


class CalendarTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarToken

    user = factory.SubFactory(UserFactory)
