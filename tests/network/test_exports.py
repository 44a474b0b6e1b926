"""CSV cells a spreadsheet would run as a formula are written as text."""

import pytest

from network.exports import csv_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(evil)", "'=HYPERLINK(evil)"),
        ("+47 69 00 00 00", "'+47 69 00 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Ada Lovelace", "Ada Lovelace"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_a_cell_starting_like_a_formula_is_written_as_text(value, cell):
    assert csv_cell(value) == cell
