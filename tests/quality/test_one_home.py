"""A rule has one home. Each entry says where a rule lives and what a second copy looks like, so
a copy written elsewhere fails here with the name of the function to call instead."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("network", "events", "companies", "newcomers")

# (what a copy looks like, the files allowed to hold it, what to use instead)
RULES = [
    (r"Municipality\.objects\.order_by", {"network/selectors.py"}, "network.selectors.municipality_list()"),
    (
        r"membership=Company\.Membership\.MEMBER",
        {"companies/models.py"},
        "Company.objects.members()",
    ),
    (
        r"\.filter\([^)]*\bpublished=True",
        {"network/models.py", "companies/models.py"},
        "the model's QuerySet.published()",
    ),
    (r"""\(\s*["']MO["']\s*,""", set(), "events.models.Weekday"),
    (r"Site\.objects\.get_current\(\)", {"network/services.py"}, "network.services.absolute_url()"),
    (r"""["']=["'],\s*["']\+["']""", {"network/exports.py"}, "network.exports.csv_cell()"),
    (r"find_spec\(", {"network/management/commands/seed_demo.py"}, "a plain import"),
    # User.is_coordinator said is_staff while User.Kind.COORDINATOR says otherwise; nothing used it.
    (r"def is_coordinator\(self", set(), "is_staff, or the role layer"),
    (r"\b7 days\b", set(), "INVITATION_REMINDER_AFTER"),
]


def _project_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*")):
            if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts:
                yield path


@pytest.mark.parametrize(("pattern", "allowed", "instead"), RULES, ids=[rule[2] for rule in RULES])
def test_a_rule_is_not_written_a_second_time(pattern, allowed, instead):
    copies = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _project_files()
        if str(path.relative_to(ROOT)) not in allowed
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(pattern, line)
    ]
    assert not copies, f"use {instead} instead of writing the rule again: {copies}"


def test_the_checker_finds_a_copy():
    assert re.search(RULES[0][0], 'queryset=Municipality.objects.order_by("position", "name")')
    assert re.search(RULES[2][0], "InfoPage.objects.filter(published=True, municipality=None)")
    assert not re.search(RULES[2][0], "InfoPage.objects.published()")
