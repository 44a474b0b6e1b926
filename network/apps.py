from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


def _sync_coordinator_group(sender, **kwargs):
    from .services import coordinator_group_sync

    coordinator_group_sync(using=kwargs.get("using", "default"))


def _sync_site(sender, **kwargs):
    """Links in mails and feeds use the Site's domain: it follows SITE_DOMAIN after every migrate
    (a production database gets no demo data to set it, and would link to example.com)."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    using = kwargs.get("using", "default")
    site, _ = Site.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"name": settings.SITE_DOMAIN}
    )
    if site.domain != settings.SITE_DOMAIN:
        site.domain = settings.SITE_DOMAIN
        site.save(using=using, update_fields=["domain"])


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Region and accounts")

    def ready(self):
        from django.contrib import admin

        from .selectors import region_title

        # Lazy: the region is data, read (from the cache) when a page of the admin renders.
        admin.site.site_header = lazy(region_title, str)()
        admin.site.site_title = lazy(region_title, str)()
        admin.site.index_title = _("Coordinator administration")
        # After every migrate, so that models added later get into the Coordinator group too.
        post_migrate.connect(_sync_coordinator_group, dispatch_uid="network.coordinator_group")
        post_migrate.connect(_sync_site, sender=self, dispatch_uid="network.site_domain")
        from django.db.backends.signals import connection_created

        from .page_cache import install

        # Every write to the database makes the logged-in pages' cached copies stale.
        connection_created.connect(install, dispatch_uid="network.page_cache")
        from .models import ContactPerson, Municipality, Region
        from .selectors import region_cache_clear

        for model in (Region, Municipality, ContactPerson):
            for signal in (post_save, post_delete):
                signal.connect(
                    region_cache_clear, sender=model, dispatch_uid=f"network.region_cache.{model.__name__}"
                )
