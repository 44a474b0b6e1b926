from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = _("Partners' careers")

    def ready(self):
        from companies.selectors import opening_action_register
        from events.selectors import norwegian_level_register
        from newcomers.households import household_timeline_register, partner_job_search_register
        from newcomers.privacy import partner_home_register, privacy_register

        from . import privacy, selectors

        # Export and erasure include the career profile, its CV and the interests.
        privacy_register("careers", export=privacy.person_export, erase=privacy.person_erase)
        # A partner without a household profile of their own starts on the careers page.
        partner_home_register("careers:home")
        # An opening's page offers partners "I'm interested".
        opening_action_register("careers/_opening_action.html", selectors.opening_action_for)
        # The coordinator's household page and the at-risk signals read the partner's job search.
        household_timeline_register("careers", selectors.household_timeline)
        partner_job_search_register(selectors.partner_looking_since)
        # The calendar reads the partner's Norwegian level for "practise at my level".
        norwegian_level_register("career", selectors.norwegian_level_subquery)
