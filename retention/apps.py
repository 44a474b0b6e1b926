from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Who stays")

    def ready(self):
        from companies.selectors import hire_action_register
        from newcomers.households import household_page_register
        from newcomers.privacy import dashboard_panel_register, privacy_register

        from . import privacy, selectors

        # Export includes the answers; erasure keeps them only as anonymous counts.
        privacy_register("retention", export=privacy.person_export, erase=privacy.person_erase)
        # The newcomer's page has "I have moved away" (and shows it once said).
        dashboard_panel_register("retention/_dashboard_panel.html", selectors.departure_for_dashboard)
        # HR can mark a hire as having left the region, with the reason.
        hire_action_register("retention/_hire_action.html")
        # The newcomer profile's admin page links to the household's case.
        household_page_register("retention:household")
