"""Text written to Excel and CSV exports stays text.

Two things go wrong with a cell typed by a user: a control character (a stray ``\\x01`` in a card number)
makes openpyxl refuse the whole workbook, and a cell beginning with ``=``, ``+``, ``-`` or ``@`` is run as
a formula by the spreadsheet program that opens the file (OWASP "CSV injection"). Every export goes
through this module:

- in a workbook, control characters are dropped and text cells are stored as text (never as a formula),
  so the words stay exactly as recorded;
- in a CSV file, which has no types, a text beginning with one of those characters (or a tab or carriage
  return) gets a leading apostrophe, which spreadsheet programs read as "this is text".
"""

import csv
import io
import re

from openpyxl.cell import WriteOnlyCell

# What XML 1.0 (and so an .xlsx file) cannot hold: C0 controls other than tab, line feed, carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


def csv_value(value):
    """A value for a CSV cell: text cleaned and defused; numbers, dates and None as they are."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvWriter:
    """``csv.writer`` that passes every value through :func:`csv_value`."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row):
        return self._writer.writerow([csv_value(v) for v in row])


def csv_bytes(rows) -> bytes:
    """A CSV file (UTF-8 with a byte-order mark, which Excel needs to read Vietnamese letters)."""
    out = io.StringIO()
    writer = CsvWriter(out)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


def cell(sheet, value):
    """A cell for ``sheet.append`` (ordinary and write-only sheets): text is cleaned and kept as text."""
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value)
    text = clean_text(value)
    result = WriteOnlyCell(sheet, text)
    result.data_type = "s"  # openpyxl would store "=…" as a formula
    return result


def append(sheet, values) -> None:
    sheet.append([cell(sheet, v) for v in values])


def write(sheet, row: int, column: int, value):
    """``sheet.cell(row, column, value)`` with the same treatment of text; returns the cell."""
    target = sheet.cell(row, column)
    if isinstance(value, str):
        target.value = clean_text(value)
        target.data_type = "s"
    else:
        target.value = value
    return target
