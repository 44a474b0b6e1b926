from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewcomersConfig(AppConfig):
    name = "newcomers"
    verbose_name = _("Newcomers")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from .services import partner_account_link

        def _link_partner(sender, request, email_address, **kwargs):
            partner_account_link(user=email_address.user, email=email_address.email)

        email_confirmed.connect(_link_partner, dispatch_uid="newcomers.partner_link", weak=False)
