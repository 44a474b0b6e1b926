"""Files the coordinator downloads (CSV exports) and opens in a spreadsheet."""

# A spreadsheet runs a cell that starts with one of these as a formula (a tab or carriage return
# before one is skipped by some programs), so a name like "=HYPERLINK(…)" could run on import.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A value as a CSV cell that a spreadsheet shows as text: None is empty; a leading ' stops a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
