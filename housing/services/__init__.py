"""Start housing's changes of state, one module per sub-domain (callers use `housing.services.<name>`)."""

from ._common import HousingError, household_profile, period_refusal
from .applications import (
    application_approve,
    application_create,
    application_create_for_hire,
    application_decline,
    application_offer,
    application_withdraw,
)
from .bookings import (
    booking_cancel,
    booking_end_early,
    booking_extend,
    booking_hold,
    move_out_reminders_send,
    offer_answer,
    offers_expire,
    rent_charges_sync,
    rent_for,
    rent_mark_paid,
    waiting_next,
)

__all__ = [
    "HousingError",
    "application_approve",
    "application_create",
    "application_create_for_hire",
    "application_decline",
    "application_offer",
    "application_withdraw",
    "booking_cancel",
    "booking_end_early",
    "booking_extend",
    "booking_hold",
    "household_profile",
    "move_out_reminders_send",
    "offer_answer",
    "offers_expire",
    "period_refusal",
    "rent_charges_sync",
    "rent_for",
    "rent_mark_paid",
    "waiting_next",
]
