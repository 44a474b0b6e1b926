import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from network.services import absolute_url, coordinator_ensure, password_set_link

DEMO_PASSWORD = "viken-demo-2026"  # noqa: S105 - published in the README; only in demo mode


class Command(BaseCommand):
    help = (
        "Create the coordinator (admin) account if it is missing, and print how to log in. "
        "The password comes from --password or COORDINATOR_PASSWORD; in demo mode (DEMO_DATA, on with "
        "DEBUG) the README's demo password is the default. Otherwise the account gets no password and "
        "a one-time link to set one is printed. An existing password is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--email", default=os.environ.get("COORDINATOR_EMAIL", "coordinator@sondreviken.example")
        )
        parser.add_argument("--password", default=os.environ.get("COORDINATOR_PASSWORD") or None)

    def handle(self, *args, email, password, **options):
        demo = password is None and settings.DEMO_DATA
        if demo:
            password = DEMO_PASSWORD
        user, created = coordinator_ensure(email=email, password=password)
        state = "created" if created else "already there (password unchanged)"
        self.stdout.write(self.style.SUCCESS(f"Coordinator account {state}:"))
        self.stdout.write(f"  e-mail:   {user.email}")
        if not user.has_usable_password():
            self.stdout.write(
                f"  password: none yet. Set it once, within 3 days, at {password_set_link(user=user)}"
            )
        elif demo and created or demo and user.check_password(DEMO_PASSWORD):
            self.stdout.write(f"  password: {DEMO_PASSWORD}  (demo mode)")
        elif created:
            self.stdout.write("  password: the one you gave (--password or COORDINATOR_PASSWORD)")
        admin = reverse("admin:index")
        self.stdout.write(
            f"  admin:    {absolute_url(admin, language='nb')}  (English: {absolute_url(admin, language='en')})"
        )
