from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewcomersConfig(AppConfig):
    name = "newcomers"
    verbose_name = _("Newcomers")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from companies.selectors import hire_board_extra_register
        from companies.signals import hire_accepted
        from events.selectors import norwegian_level_register

        from .selectors import (
            attended_count_shared_with_employer,
            checklist_progress_for_users,
            norwegian_level_subquery,
        )
        from .services import hire_accepted_receive, partner_account_link

        # The HR board shows what each newcomer agreed to share with their employer.
        hire_board_extra_register("progress", checklist_progress_for_users)
        hire_board_extra_register("attended", attended_count_shared_with_employer)
        # The calendar offers "where I can practise Norwegian at my level".
        norwegian_level_register("newcomer", norwegian_level_subquery)

        # A region file's `checklist` is the newcomers' checklist.
        from network.regions import region_section_register

        from .regions import checklist_load

        region_section_register("checklist", checklist_load)

        def _link_partner(sender, request, email_address, **kwargs):
            partner_account_link(user=email_address.user, email=email_address.email)

        email_confirmed.connect(_link_partner, dispatch_uid="newcomers.partner_link", weak=False)

        def _hire_accepted(sender, hire, user, **kwargs):
            hire_accepted_receive(hire=hire, user=user)

        hire_accepted.connect(_hire_accepted, dispatch_uid="newcomers.hire_accepted", weak=False)
