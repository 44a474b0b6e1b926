"""Hooks for the apps above `network` to add a part to its pages without network importing them
(see docs/architecture.md):

- `home_panel_register(template, read)`: `read()` returns the panel's context (a dict) or None to
  leave it out; the template is included on the home page with that context (the stories app adds
  the three latest stories);
- `municipality_panel_register(template, read)`: `read(municipality=…)` does the same for the page of
  one municipality (the events app adds the municipality's coming activities).

A panel's `read` runs a constant number of queries, so the pages keep their query budgets.
"""

from collections.abc import Callable

HOME_PANELS: dict[str, Callable[..., dict | None]] = {}
MUNICIPALITY_PANELS: dict[str, Callable[..., dict | None]] = {}


def home_panel_register(template_name: str, read: Callable[..., dict | None]) -> None:
    HOME_PANELS[template_name] = read


def municipality_panel_register(template_name: str, read: Callable[..., dict | None]) -> None:
    MUNICIPALITY_PANELS[template_name] = read


def _collect(registry: dict, **kwargs) -> list[tuple[str, dict]]:
    panels = []
    for template_name, read in registry.items():
        context = read(**kwargs)
        if context is not None:
            panels.append((template_name, context))
    return panels


def home_panels() -> list[tuple[str, dict]]:
    return _collect(HOME_PANELS)


def municipality_panels(*, municipality) -> list[tuple[str, dict]]:
    return _collect(MUNICIPALITY_PANELS, municipality=municipality)
