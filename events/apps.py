from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Activities")

    def ready(self):
        from network.panels import municipality_panel_register
        from network.regions import region_section_register

        from . import signals  # noqa: F401
        from .selectors import municipality_panel

        # A municipality's page lists its coming activities.
        municipality_panel_register("events/_municipality_panel.html", municipality_panel)
        # A region file's `categories` are the calendar's categories.
        from .regions import categories_load

        region_section_register("categories", categories_load)
