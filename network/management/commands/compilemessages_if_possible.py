import shutil

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the .po catalogues when gettext is installed; the committed .mo files are used otherwise."

    def handle(self, *args, **options):
        if shutil.which("msgfmt") is None:
            self.stdout.write("gettext is not installed: using the committed .mo translation files.")
            return
        call_command("compilemessages", ignore=[".venv/*", "var/*"], verbosity=0)
        self.stdout.write("Translations compiled.")
