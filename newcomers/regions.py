"""The `checklist` key of a region file (network.regions loads the rest)."""

from network.regions import LoadContext, fail, mapping_checked, upsert

from .models import ChecklistItem

CHECKLIST_KEYS = {"title", "explanation", "link", "applies_to", "only_with_children", "only_with_partner"}
GROUPS = {"nordic": "for_nordic", "eu": "for_eu", "other": "for_other"}


def checklist_load(items, ctx: LoadContext) -> None:
    for position, item in enumerate(items):
        item = mapping_checked(item, items, "checklist", CHECKLIST_KEYS, required=("title",))
        titles = ctx.translated(item, "title", required=True)
        if not titles.get("title_en"):
            # Items are matched on the English title, as the demo's seed matches them.
            raise fail(item, "title", "a checklist item needs an English title ('en')")
        groups = item.get("applies_to", list(GROUPS))
        if not isinstance(groups, list) or not set(groups) <= set(GROUPS):
            raise fail(item, "applies_to", f"applies_to is a list of: {', '.join(GROUPS)}")
        values = {
            **titles,
            **ctx.translated(item, "explanation"),
            **ctx.translated(item, "link"),
            "position": position,
            "only_with_children": bool(item.get("only_with_children", False)),
            "only_with_partner": bool(item.get("only_with_partner", False)),
            **{field: group in groups for group, field in GROUPS.items()},
        }
        upsert(
            ChecklistItem,
            {"title_en": titles["title_en"]},
            values,
            item,
            f"checklist item {titles['title_en']}",
            ctx.report,
        )
