from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data (the region from docs/regions/sondre-viken.yaml). Safe to run again: it updates rows, never duplicates them."

    def handle(self, *args, **options):
        self.stdout.write("Loading demo data:")
        with transaction.atomic():
            # Each app contributes its own `seed.seed(stdout)`, in INSTALLED_APPS order, so that
            # later apps can rely on the region and municipalities being there.
            for app in settings.PROJECT_APPS:
                if find_spec(f"{app}.seed") is None:
                    continue
                import_module(f"{app}.seed").seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
