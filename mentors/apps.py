from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = _("Mentors and reserve grandparents")

    def ready(self):
        from companies.selectors import hire_action_register
        from network import access
        from newcomers.households import household_timeline_register
        from newcomers.privacy import dashboard_panel_register, privacy_register

        from . import selectors
        from .services import privacy

        # A volunteer is someone the coordinator approved (and who has not withdrawn).
        access.provide("volunteer", selectors.volunteer_is_active)
        # The newcomer's page shows their mentor; their export and erasure include the scheme.
        dashboard_panel_register("mentors/_dashboard_panel.html", selectors.mentor_for_dashboard)
        privacy_register("mentors", export=privacy.person_export, erase=privacy.person_erase)
        # HR can suggest a mentor from a hire's page.
        hire_action_register("mentors/_hire_action.html")
        # The coordinator's household page shows the mentor requests and matches.
        household_timeline_register("mentors", selectors.household_timeline)
