"""Hooks for the apps above `newcomers` (see docs/architecture.md): they add a panel to the
newcomer's page, and join the data export and the erasure, without newcomers importing them.

- `dashboard_panel_register(template, read)`: `read(user=…)` returns the panel's context (a dict) or
  None to leave it out; the template is included in the dashboard with that context.
- `privacy_register(name, export=, erase=, names=)`: `export(user=…)` returns what the app holds
  about the person (under `name` in the export), `erase(user=…)` erases it inside the one erasure
  transaction, before the user row goes, and `names(user=…)` gives other names the person is known
  by there (scrubbed from stored mail too).
- `partner_home_register(url_name)`: where a partner without a household profile of their own starts
  (the dashboard sends them there instead of the newcomer's household questions).
- `partner_home_panel_register(template, read)`: like `dashboard_panel_register`, for a panel on that
  page (the appointments app adds "Meet the contact person" to the careers page).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PrivacyHooks:
    export: Callable[..., object]
    erase: Callable[..., object]
    names: Callable[..., set[str]]


DASHBOARD_PANELS: dict[str, Callable[..., dict | None]] = {}
PRIVACY: dict[str, PrivacyHooks] = {}


def dashboard_panel_register(template_name: str, read: Callable[..., dict | None]) -> None:
    DASHBOARD_PANELS[template_name] = read


def dashboard_panels(*, user) -> list[tuple[str, dict]]:
    panels = []
    for template_name, read in DASHBOARD_PANELS.items():
        context = read(user=user)
        if context is not None:
            panels.append((template_name, context))
    return panels


def _no_names(*, user) -> set[str]:
    return set()


def privacy_register(name: str, *, export, erase, names=_no_names) -> None:
    PRIVACY[name] = PrivacyHooks(export=export, erase=erase, names=names)


# Where a partner without a household profile of their own starts (the careers app registers its
# page), instead of the newcomer's household questions.
PARTNER_HOME: list[str] = []


def partner_home_register(url_name: str) -> None:
    PARTNER_HOME[:] = [url_name]


def partner_home() -> str | None:
    return PARTNER_HOME[0] if PARTNER_HOME else None


PARTNER_HOME_PANELS: dict[str, Callable[..., dict | None]] = {}


def partner_home_panel_register(template_name: str, read: Callable[..., dict | None]) -> None:
    PARTNER_HOME_PANELS[template_name] = read


def partner_home_panels(*, user) -> list[tuple[str, dict]]:
    panels = []
    for template_name, read in PARTNER_HOME_PANELS.items():
        context = read(user=user)
        if context is not None:
            panels.append((template_name, context))
    return panels
