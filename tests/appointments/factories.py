import datetime as dt

import factory
from django.utils import timezone

from appointments.models import Booking, Mode, Slot, Topic
from network.models import ContactPerson
from tests.network.factories import ContactPersonFactory, MunicipalityFactory, RegionFactory, UserFactory


def contact_person() -> ContactPerson:
    """The region's one contact person (a region has exactly one)."""
    region = RegionFactory()
    return ContactPerson.objects.filter(region=region).first() or ContactPersonFactory(region=region)


def in_days(days: float, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class SlotFactory(factory.django.DjangoModelFactory):
    """A published time at the welcome desk, some days ahead (each one an hour after the last)."""

    class Meta:
        model = Slot

    starts_at = factory.Sequence(lambda n: in_days(3 + n // 8, hour=9 + n % 8))
    duration_minutes = 30
    mode = Mode.DESK
    municipality = factory.SubFactory(MunicipalityFactory)
    place_nb = "Biblioteket, 2. etasje"
    place_en = "The library, 2nd floor"
    host = factory.LazyFunction(contact_person)
    published = True

    class Params:
        video = factory.Trait(
            mode=Mode.VIDEO, video_link="https://meet.example.com/contact", place_nb="", place_en=""
        )


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    person = factory.SubFactory(UserFactory)
    topic = Topic.TAX
    note = "About my tax card"
