"""The `categories` key of a region file (network.regions loads the rest)."""

from network.regions import LoadContext, mapping_checked, upsert

from .models import Category

CATEGORY_KEYS = {"slug", "name", "colour", "icon"}


def categories_load(items, ctx: LoadContext) -> None:
    for position, item in enumerate(items):
        item = mapping_checked(item, items, "categories", CATEGORY_KEYS, required=("slug", "name"))
        values = {"position": position, **ctx.translated(item, "name", required=True)}
        if "colour" in item:
            values["colour"] = str(item["colour"])
        if "icon" in item:
            values["icon"] = str(item["icon"])
        upsert(Category, {"slug": str(item["slug"])}, values, item, f"category {item['slug']}", ctx.report)
