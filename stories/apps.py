from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Newcomers' stories")

    def ready(self):
        from network.panels import home_panel_register
        from newcomers.privacy import privacy_register

        from . import privacy, selectors

        # Export and erasure include the person's stories and their photos' files.
        privacy_register("stories", export=privacy.person_export, erase=privacy.person_erase)
        # The home page shows the three latest stories.
        home_panel_register("stories/_home_panel.html", selectors.home_panel)
