"""What the mentor scheme's admin screens share."""

import datetime as dt

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

ERASED = _("(erased)")


def _date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _name(user) -> str:
    """A person as the coordinator knows them: their name (the e-mail only if they gave none)."""
    return str(user) if user is not None else str(ERASED)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the services: the coordinator looks, and acts through actions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- volunteers ---------------------------------------------------------------------------------


def _int(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0
