from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self):
        from network import access

        from . import selectors

        # HR staff are people with a current position at a company (network.access decides roles).
        access.provide("hr_company", selectors.hr_company_for_user)
        access.provide("hr_colleagues", selectors.hr_users_of_company)
