"""What the companies app holds about a person, for their data export and their erasure.

Called by the newcomers app's `account_erase` / `user_data_export` (apps above may call down) as
`companies.services.privacy`; not re-exported by the package, as nothing else needs it.
"""

from django.db import transaction
from django.db.models import Q

from ..models import Hire, HRInvitation, TalentCandidate

ERASED_NAME = "[erased]"


def _hires_of(*, user, email: str):
    return Hire.objects.filter(Q(user=user) | Q(email__iexact=email)).select_related("company")


def person_export(*, user) -> list[dict]:
    """The person's hire records: what their employers registered about them."""
    return [
        {
            "company": hire.company.name,
            "name": hire.name,
            "email": hire.email,
            "position": hire.position,
            "start_date": hire.start_date.isoformat() if hire.start_date else None,
            "arrived_on": hire.arrived_on.isoformat() if hire.arrived_on else None,
            "left_company_on": hire.left_company_on.isoformat() if hire.left_company_on else None,
            "left_region_on": hire.left_region_on.isoformat() if hire.left_region_on else None,
            "left_reason": hire.left_reason,
            "invitation_accepted_at": hire.accepted_at.isoformat() if hire.accepted_at else None,
        }
        for hire in _hires_of(user=user, email=user.email).order_by("start_date")
    ]


def person_names(*, user) -> set[str]:
    """The names employers registered the person under (erasure scrubs them from mail and logs too)."""
    return {name for name in _hires_of(user=user, email=user.email).values_list("name", flat=True) if name}


@transaction.atomic
def person_erase(*, user) -> int:
    """Anonymise the person's hires (their stage and dates stay, for the statistics), forget HR
    invitations sent to their address and their place in the talent pool (with the CV file)."""
    count = 0
    for hire in _hires_of(user=user, email=user.email).select_for_update():
        hire.name = ERASED_NAME
        hire.email = f"erased-{hire.pk}@erased.invalid"
        hire.left_reason = ""
        hire.user = None
        hire.save(update_fields=["name", "email", "left_reason", "user"])
        count += 1
    for invitation in HRInvitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)):
        invitation.email = f"erased-{invitation.pk}@erased.invalid"
        invitation.accepted_by = None
        invitation.save(update_fields=["email", "accepted_by"])
        count += 1
    for candidate in TalentCandidate.objects.filter(email__iexact=user.email):
        candidate.cv.delete(save=False)
        candidate.delete()
        count += 1
    return count
