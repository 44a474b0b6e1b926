import datetime as dt

import factory
from django.utils import timezone

from housing.models import Application, Booking, Residence, Unit, UnitKind
from tests.network.factories import MunicipalityFactory
from tests.newcomers.factories import NewcomerProfileFactory


def today() -> dt.date:
    return timezone.localdate()


class ResidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Residence

    name_nb = factory.Sequence(lambda n: f"Startbolig {n}")
    name_en = factory.Sequence(lambda n: f"Start residence {n}")
    slug = factory.Sequence(lambda n: f"residence-{n}")
    address = "Storgata 1"
    postal_code = "1771"
    postal_town = "Halden"
    municipality = factory.SubFactory(MunicipalityFactory)
    description_nb = "Lyse rom nær sentrum."
    description_en = "Bright rooms near the centre."
    facilities_en = "Laundry room\nShared kitchen"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    residence = factory.SubFactory(ResidenceFactory)
    label = factory.Sequence(lambda n: f"{100 + n}")
    kind = UnitKind.ROOM
    beds = 2
    size_m2 = 20
    rent_nok = 6000
    deposit_nok = 12000
    available_from = factory.LazyFunction(lambda: today() - dt.timedelta(days=365))


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An open application for `unit` (or, with unit=None, any unit in `municipality`)."""

    class Meta:
        model = Application

    user = factory.LazyFunction(lambda: NewcomerProfileFactory().user)
    unit = factory.SubFactory(UnitFactory)
    municipality = factory.LazyAttribute(
        lambda a: a.unit.residence.municipality if a.unit else MunicipalityFactory()
    )
    move_in = factory.LazyFunction(lambda: today() + dt.timedelta(days=10))
    move_out = factory.LazyFunction(lambda: today() + dt.timedelta(days=100))
    persons = 1


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    unit = factory.SubFactory(UnitFactory)
    tenant = factory.LazyFunction(lambda: NewcomerProfileFactory().user)
    starts_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=100))
    rent_nok = factory.LazyAttribute(lambda b: b.unit.rent_nok)
    status = Booking.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
