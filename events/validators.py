from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_EXTRA = 10
MAX_CHILDCARE_AGE = 12


def parse_childcare_ages(value: str) -> list[int]:
    ages = []
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        # isdecimal, not isdigit: int() refuses digits such as "²".
        if not part.isdecimal() or int(part) > MAX_CHILDCARE_AGE:
            raise ValidationError(
                _("Give the ages as whole numbers from 0 to %(max)s, separated by commas, e.g. 2,5."),
                code="invalid_ages",
                params={"max": MAX_CHILDCARE_AGE},
            )
        ages.append(int(part))
    return ages
