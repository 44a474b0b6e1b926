"""Companies demo data: the professional fields (the companies app extends this)."""

from .models import ProfessionalField

PROFESSIONAL_FIELDS = [
    ("energy", "Energi og kjernekraft", "Energy and nuclear"),
    ("ict", "IKT", "ICT"),
    ("health", "Helse", "Health"),
    ("process-industry", "Prosessindustri", "Process industry"),
    ("research", "Forskning", "Research"),
]


def seed(stdout=None) -> None:
    for position, (slug, name_nb, name_en) in enumerate(PROFESSIONAL_FIELDS):
        ProfessionalField.objects.update_or_create(
            slug=slug, defaults={"name_nb": name_nb, "name_en": name_en, "position": position}
        )
    if stdout:
        stdout.write(f"  companies: {len(PROFESSIONAL_FIELDS)} professional fields")
