from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "housing"
    verbose_name = _("Start housing")

    def ready(self):
        from companies.selectors import hire_action_register
        from newcomers.privacy import dashboard_panel_register, privacy_register

        from . import selectors
        from .services import privacy

        # The newcomer's page shows their application, offer or stay; export and erasure include them.
        dashboard_panel_register("housing/_dashboard_panel.html", selectors.housing_for_dashboard)
        privacy_register("housing", export=privacy.person_export, erase=privacy.person_erase)
        # HR can apply for start housing from a hire's page.
        hire_action_register("housing/_hire_action.html")
