from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def validate_organisation_number(value: str) -> None:
    """A Norwegian organisation number: nine digits, the last a MOD11 check digit."""
    digits = (value or "").replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        raise ValidationError(_("An organisation number has exactly nine digits."), code="org_number_format")
    remainder = sum(int(d) * w for d, w in zip(digits[:8], _WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    if check == 10 or check != int(digits[8]):
        raise ValidationError(
            _("%(value)s is not a valid organisation number (the check digit does not match)."),
            code="org_number_checksum",
            params={"value": value},
        )
