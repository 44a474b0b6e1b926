"""Start housing's pages for the authorization matrix."""

import datetime as dt

from django.utils import timezone

from housing.models import Booking

from .factories import ApplicationFactory, BookingFactory, UnitFactory

PUBLIC = {
    "anonymous": 200,
    "newcomer": 200,
    "other_newcomer": 200,
    "hr_a": 200,
    "hr_b": 200,
    "volunteer": 200,
    "coordinator": 200,
}
# For households (newcomers and partners); the newcomer's own objects, others' are a 404.
HOUSEHOLD = {**dict.fromkeys(PUBLIC, 403), "anonymous": 302, "newcomer": 200, "other_newcomer": 200}
OWN = {**HOUSEHOLD, "other_newcomer": 404}
# Households are told to POST; everyone else is refused before that.
POST_ONLY = {**HOUSEHOLD, "newcomer": 405, "other_newcomer": 405}
HR_OF_THE_HIRE = {**dict.fromkeys(PUBLIC, 403), "anonymous": 302, "hr_a": 200, "hr_b": 404}


def setup(world) -> None:
    from tests.companies.factories import HireFactory

    unit = UnitFactory(residence__slug="tista")
    world.residence = unit.residence
    world.photo = world.residence.photos.create(image="housing/photos/none.png", alt_text_en="Kitchen")
    today = timezone.localdate()
    world.housing_offer = BookingFactory(
        unit=unit,
        tenant=world.newcomer,
        status=Booking.Status.OFFERED,
        offer_expires_at=timezone.now() + dt.timedelta(days=3),
        starts_on=today + dt.timedelta(days=200),
        ends_on=today + dt.timedelta(days=260),
    )
    world.stay = BookingFactory(unit=unit, tenant=world.newcomer)
    world.application = ApplicationFactory(user=world.newcomer, unit=unit)
    world.housing_hire = HireFactory(company=world.company_a, user=world.other_newcomer)


URLS = {
    "housing:list": (lambda w: {}, PUBLIC),
    "housing:residence": (lambda w: {"slug": w.residence.slug}, PUBLIC),
    # The photo's file is missing in the matrix: a 404 for everyone, as for a photo that is gone.
    "housing:photo": (lambda w: {"pk": w.photo.pk}, dict.fromkeys(PUBLIC, 404)),
    "housing:apply": (lambda w: {}, HOUSEHOLD),
    "housing:mine": (lambda w: {}, HOUSEHOLD),
    "housing:offer": (lambda w: {"pk": w.housing_offer.pk}, OWN),
    "housing:booking": (lambda w: {"pk": w.stay.pk}, OWN),
    "housing:application_withdraw": (lambda w: {"pk": w.application.pk}, POST_ONLY),
    "housing:hire_apply": (lambda w: {"pk": w.housing_hire.pk}, HR_OF_THE_HIRE),
}
