"""Views of the company network, one module per sub-domain; this package keeps their names for urls.py.

Thin: rules live in companies.services, queries in companies.selectors.

- `registry`: the public directory, a member's page and logo, the competence map, the HR dashboard,
  the company's profile, leaving, the HR invitation
- `hires`: the hire invitation, the onboarding board and a hire's pages
- `cooperation`: services between members, working groups and their documents
- `jobs`: job openings and campaigns, public and the company's own
- `talent`: the talent pool, for candidates and for member companies
- `_common`: what they share (form data, paging, the invitation flow, editing an owned object)
"""

from .cooperation import (
    document_download,
    service_offer_edit,
    service_request,
    services_view,
    working_group_detail,
    working_group_membership,
    working_groups,
)
from .hires import board, hire_arrived, hire_create, hire_detail, hire_invitation, hire_left, hire_resend
from .jobs import campaign_detail, campaign_join, job_detail, job_list, opening_edit, openings
from .registry import (
    company_detail,
    company_edit,
    company_logo,
    competence_map,
    directory,
    hr_dashboard,
    hr_invitation,
    hr_leave,
)
from .talent import (
    talent_confirm,
    talent_cv,
    talent_interest,
    talent_register,
    talent_search,
    talent_withdraw,
)

__all__ = [
    "board",
    "campaign_detail",
    "campaign_join",
    "company_detail",
    "company_edit",
    "company_logo",
    "competence_map",
    "directory",
    "document_download",
    "hire_arrived",
    "hire_create",
    "hire_detail",
    "hire_invitation",
    "hire_left",
    "hire_resend",
    "hr_dashboard",
    "hr_invitation",
    "hr_leave",
    "job_detail",
    "job_list",
    "opening_edit",
    "openings",
    "service_offer_edit",
    "service_request",
    "services_view",
    "talent_confirm",
    "talent_cv",
    "talent_interest",
    "talent_register",
    "talent_search",
    "talent_withdraw",
    "working_group_detail",
    "working_group_membership",
    "working_groups",
]
