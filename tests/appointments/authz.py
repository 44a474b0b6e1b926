"""The meeting pages for the authorization matrix.

The free times are public (the page tells others who may book); booking and one's own meetings are
for households. A booking of another household is a 404, as is a forged id.
"""

from .factories import BookingFactory, SlotFactory

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")
EVERYONE = dict.fromkeys(ROLES, 200)
HOUSEHOLDS = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "newcomer": 200, "other_newcomer": 200}
OWN = {**HOUSEHOLDS, "other_newcomer": 404}
# A GET is refused before anything else (tests/appointments/test_views.py tests the POSTs' access).
POST_ONLY = dict.fromkeys(ROLES, 405)


def setup(world) -> None:
    world.appointment_slot = SlotFactory()
    world.appointment = BookingFactory(person=world.newcomer)


URLS = {
    "appointments:index": (lambda w: {}, EVERYONE),
    "appointments:book": (lambda w: {"pk": w.appointment_slot.pk}, HOUSEHOLDS),
    "appointments:mine": (lambda w: {}, HOUSEHOLDS),
    "appointments:move": (lambda w: {"pk": w.appointment.pk}, OWN),
    "appointments:cancel": (lambda w: {"pk": w.appointment.pk}, POST_ONLY),
}
