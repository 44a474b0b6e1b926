from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.regions import RegionFileError, region_load


class Command(BaseCommand):
    help = (
        "Load a whole region from one YAML file (docs/regions/README.md). Running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            report = region_load(text=file.read_text(encoding="utf-8"), base_dir=file.parent)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        except RegionFileError as error:
            raise CommandError(f"{file}, {error}") from error
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"{file}, {warning}"))
        for label in report.created:
            self.stdout.write(f"  created {label}")
        for label in report.updated:
            self.stdout.write(f"  updated {label}")
        if not report.created and not report.updated:
            self.stdout.write("Nothing changed: the database already matches the file.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {file}: {len(report.created)} created, {len(report.updated)} updated."
            )
        )
