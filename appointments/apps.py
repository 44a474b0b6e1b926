from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Meetings with the contact person")

    def ready(self):
        from newcomers.privacy import dashboard_panel_register, partner_home_panel_register, privacy_register

        from . import privacy, selectors

        # The newcomer's page shows their next meetings and the way to book one.
        dashboard_panel_register("appointments/_dashboard_panel.html", selectors.appointments_for_dashboard)
        # So does the page a partner without a household profile of their own starts from (careers).
        partner_home_panel_register(
            "appointments/_dashboard_panel.html", selectors.appointments_for_dashboard
        )
        # Export and erasure include the person's bookings (their topic and note are theirs).
        privacy_register("appointments", export=privacy.person_export, erase=privacy.person_erase)
