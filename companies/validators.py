from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network.uploads import UploadValidator

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def validate_organisation_number(value: str) -> None:
    """A Norwegian organisation number: nine digits, the last a MOD11 check digit."""
    digits = (value or "").replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        raise ValidationError(_("An organisation number has exactly nine digits."), code="org_number_format")
    if organisation_number_complete(digits[:8]) != digits:
        raise ValidationError(
            _("%(value)s is not a valid organisation number (the check digit does not match)."),
            code="org_number_checksum",
            params={"value": value},
        )


# Uploads are checked by network.uploads; these are the companies' limits.
validate_logo = UploadValidator(kinds=("png", "jpeg"), max_mb=2)
validate_document = UploadValidator(kinds=("pdf", "office"), max_mb=10)
validate_cv = UploadValidator(kinds=("pdf",), max_mb=5)


def organisation_number_complete(first_eight: str) -> str | None:
    """The nine-digit number with its MOD11 check digit, or None when no valid check digit exists."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, _WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return None if check == 10 else f"{first_eight}{check}"
