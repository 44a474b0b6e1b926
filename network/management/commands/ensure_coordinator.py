import os

from django.core.management.base import BaseCommand

from network.services import coordinator_ensure


class Command(BaseCommand):
    help = "Create the coordinator (admin) account if it is missing, and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--email", default=os.environ.get("COORDINATOR_EMAIL", "coordinator@sondreviken.example")
        )
        parser.add_argument("--password", default=os.environ.get("COORDINATOR_PASSWORD", "viken-demo-2026"))

    def handle(self, *args, email, password, **options):
        user, created = coordinator_ensure(email=email, password=password)
        state = "created" if created else "already there (password unchanged)"
        self.stdout.write(self.style.SUCCESS(f"Coordinator account {state}:"))
        self.stdout.write(f"  e-mail:   {user.email}")
        self.stdout.write(f"  password: {password}")
        self.stdout.write("  admin:    http://127.0.0.1:8000/nb/admin/  (English: /en/admin/)")
