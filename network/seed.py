"""Søndre Viken demo data for the region itself: the same YAML file and loader as any region
(`manage.py bootstrap_region`), so the demo proves that path. Idempotent (keyed on slugs and numbers)."""

from django.conf import settings
from django.contrib.sites.models import Site

from .models import Municipality
from .regions import region_load

REGION_FILE = settings.BASE_DIR / "docs" / "regions" / "sondre-viken.yaml"


def seed(stdout=None) -> None:
    report = region_load(text=REGION_FILE.read_text(encoding="utf-8"))
    region = Municipality.objects.select_related("region").first().region
    # Links in e-mails are built from the site's domain.
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": region.name}
    )
    if stdout:
        stdout.write(
            f"  network: region {region.name} from {REGION_FILE.name} "
            f"({len(report.created)} created, {len(report.updated)} updated)"
        )
