"""The house rules of docs/architecture.md that a machine can check.

Apps depend one way: each app may import only the apps below it (function-local imports count).
Demo-data seeds, management commands, migrations and tests may reach across, as they orchestrate.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Each app and the apps it may import. Keep in step with docs/architecture.md.
ALLOWED = {
    "network": set(),
    "events": {"network"},
    "companies": {"network", "events"},
    "newcomers": {"network", "events", "companies"},
    "mentors": {"network", "events", "companies", "newcomers"},
    "housing": {"network", "events", "companies", "newcomers"},
    "careers": {"network", "events", "companies", "newcomers"},
    "retention": {"network", "events", "companies", "newcomers"},
    "stories": {"network", "events", "companies", "newcomers"},
    "appointments": {"network", "events", "companies", "newcomers"},
    # The yearly report reads what every app did, and the retention estimate.
    "reports": {"network", "events", "companies", "newcomers", "retention"},
}


def _apps() -> list[str]:
    return sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


def _imports(app: str):
    for path in (ROOT / app).rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts or "management" in parts or path.name.startswith("seed"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                yield path.relative_to(ROOT), node.lineno, name.split(".")[0]


def test_every_app_has_a_place_in_the_dependency_order():
    assert set(_apps()) == set(ALLOWED), "add the new app to ALLOWED and to docs/architecture.md"


def test_apps_import_only_the_apps_below_them():
    apps = set(_apps())
    wrong = [
        f"{path}:{line} imports {top}"
        for app in apps
        for path, line, top in _imports(app)
        if top in apps and top != app and top not in ALLOWED.get(app, set())
    ]
    assert not wrong, "\n".join(wrong)


def test_the_architecture_document_names_every_app():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert all(f"`{app}`" in text for app in ALLOWED)
