"""Business rules of the company network, one module per sub-domain; this package keeps their names.

- `links`: signed links, InvitationError, the account an invitation creates, mail to a company's HR
- `registry`: HR staff invitations and positions, the company's profile
- `hires`: hires, their invitation and its reminder, the onboarding stages
- `cooperation`: working groups and their documents, services between members
- `jobs`: job openings and campaigns
- `talent`: the talent pool
- `privacy`: what the app holds about a person, for their export and erasure (called by newcomers)

Functions take keyword arguments, change state in one transaction and queue mail under a unique
key (network.services.mail_queue_template), so running one twice sends nothing twice.

The constants are re-exported for reading; to change one in a test, patch it in the module that
uses it (`companies.services.registry.HR_INVITATION_DAYS`).
"""

from .cooperation import (
    ServiceOfferDetails,
    document_upload,
    service_offer_save,
    service_request_send,
    working_group_join,
    working_group_leave,
)
from .hires import (
    HIRE_INVITATION_DAYS,
    HireDetails,
    hire_accept,
    hire_arrival_mark,
    hire_from_token,
    hire_invitation_reminders_send,
    hire_invite,
    hire_left_mark,
    hire_onboarded_mark,
    hire_register,
    hire_update,
)
from .jobs import JobOpeningDetails, campaign_openings_set, job_opening_save
from .links import InvitationError, account_create_for_invitation, link_read, link_token
from .messages import hr_message_audience, hr_message_send
from .registry import (
    HR_INVITATION_DAYS,
    CompanyProfile,
    company_update,
    hr_invitation_accept,
    hr_invitation_create,
    hr_invitation_from_token,
    hr_invitation_revoke,
    hr_leave,
)
from .talent import (
    CANDIDATE_LINK_DAYS,
    candidate_confirm,
    candidate_from_token,
    candidate_register,
    candidate_withdraw,
    talent_interest_mark,
)

__all__ = [
    "CANDIDATE_LINK_DAYS",
    "HIRE_INVITATION_DAYS",
    "HR_INVITATION_DAYS",
    "CompanyProfile",
    "HireDetails",
    "InvitationError",
    "JobOpeningDetails",
    "ServiceOfferDetails",
    "account_create_for_invitation",
    "hr_message_audience",
    "hr_message_send",
    "campaign_openings_set",
    "candidate_confirm",
    "candidate_from_token",
    "candidate_register",
    "candidate_withdraw",
    "company_update",
    "document_upload",
    "hire_accept",
    "hire_arrival_mark",
    "hire_from_token",
    "hire_invitation_reminders_send",
    "hire_invite",
    "hire_left_mark",
    "hire_onboarded_mark",
    "hire_register",
    "hire_update",
    "hr_invitation_accept",
    "hr_invitation_create",
    "hr_invitation_from_token",
    "hr_invitation_revoke",
    "hr_leave",
    "job_opening_save",
    "link_read",
    "link_token",
    "service_offer_save",
    "service_request_send",
    "talent_interest_mark",
    "working_group_join",
    "working_group_leave",
]
