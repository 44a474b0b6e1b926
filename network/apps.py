from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _sync_coordinator_group(sender, **kwargs):
    from .services import coordinator_group_sync

    coordinator_group_sync(using=kwargs.get("using", "default"))


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Region and accounts")

    def ready(self):
        from django.contrib import admin

        admin.site.site_header = _("Søndre Viken expat network")
        admin.site.site_title = _("Søndre Viken expat network")
        admin.site.index_title = _("Coordinator administration")
        # After every migrate, so that models added later get into the Coordinator group too.
        post_migrate.connect(_sync_coordinator_group, dispatch_uid="network.coordinator_group")
        from .models import ContactPerson, Municipality, Region
        from .selectors import region_cache_clear

        for model in (Region, Municipality, ContactPerson):
            for signal in (post_save, post_delete):
                signal.connect(
                    region_cache_clear, sender=model, dispatch_uid=f"network.region_cache.{model.__name__}"
                )
