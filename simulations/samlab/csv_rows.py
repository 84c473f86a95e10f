"""Tables people write in a spreadsheet and save as CSV: read every row, or none.

The network map (:func:`samlab.network_map.read_network`), the stafettlogg
(:func:`samlab.law.read_stafettlogg`) and the participant list
(:func:`samlab.cohort.read_students`) are read the same way. The header may use English or
Norwegian column names. Blank lines are skipped. Every bad row is collected with its row
number in the file (the header is row 1, as in a spreadsheet) and what is wrong, so that a
person can mend them all at once, and nothing is read if any row is bad.

Each reader checks the cells of a row itself and hands the reasons to :meth:`Rows.reject`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from .errors import SamlabValueError
from .translation import DEFAULT_LANG, TextTable, check_lang

TEXT = TextTable(
    "samlab.csv_rows.TEXT",
    {
        "no_file": {"nb": "finner ikke {what} på {path!r}", "en": "no {what} at {path!r}"},
        "empty": {
            "nb": "{what} er tom; den trenger en overskriftsrad",
            "en": "the {what} is empty; it needs a header row",
        },
        "header_lacks": {
            "nb": "overskriftsraden mangler {missing}; kolonnene skal være: {columns}",
            "en": "the header row lacks {missing}; expected columns: {columns}",
        },
        "unknown": {
            "nb": "ukjent kolonne {unknown}; tillatt: {columns}",
            "en": "unknown column(s) {unknown}; allowed: {columns}",
        },
        "row": {"nb": "rad {row}: {reasons}", "en": "row {row}: {reasons}"},
        "too_many_cells": {
            "nb": "{cells} celler, men {columns} kolonner",
            "en": "{cells} cells but {columns} columns",
        },
        "bad_rows": {
            "nb": "{count} rad(er) med feil i {what}, ingenting er lest inn: ",
            "en": "{count} bad row(s) in the {what}, nothing read: ",
        },
        "no_rows": {
            "nb": "{what} har en overskriftsrad, men ingen rader",
            "en": "the {what} has a header but no rows",
        },
    },
)


def _text(key: str, lang: str, **fields) -> str:
    return TEXT.text(key, lang, **fields)


def read_text(source, what: str, lang: str = DEFAULT_LANG) -> str:
    """CSV text from a path, an open file, or the text itself (anything with a newline)."""
    if hasattr(source, "read"):
        return source.read()
    if isinstance(source, str) and "\n" in source:
        return source
    path = Path(source)
    if not path.is_file():
        raise SamlabValueError(_text("no_file", lang, what=what, path=str(path)))
    return path.read_text(encoding="utf-8-sig")


class Rows:
    """A CSV table being read: its checked header, its rows, and the bad rows found so far.

    Args:
        text: the CSV text (see :func:`read_text`).
        what: what the table is, in ``lang`` ("network file" / "nettverksfilen"), for messages.
        columns: the allowed columns, by their API names.
        required: the columns the header must have.
        aliases: other header names (Norwegian, older) -> API name; matched in lower case
            with spaces as underscores.
        shown: how messages name each column (default: its API name).
        lang: the language of the messages.

    Raises:
        SamlabValueError: the table is empty, or its header lacks a required column or has
            one that is not allowed.
    """

    def __init__(
        self,
        text: str,
        what: str,
        columns: Sequence[str],
        required: Sequence[str],
        aliases: Mapping[str, str] | None = None,
        shown: Mapping[str, str] | None = None,
        lang: str = DEFAULT_LANG,
    ):
        self.what, self.columns, self.lang = what, tuple(columns), check_lang(lang)
        self._aliases = dict(aliases or {})
        self._shown = dict(shown or {})
        self._reader = csv.reader(io.StringIO(text))
        self.problems: list[str] = []
        try:
            self.header = [self._column(name) for name in next(self._reader)]
        except StopIteration:
            raise SamlabValueError(_text("empty", lang, what=what)) from None
        expected = ", ".join(self._show(c) for c in self.columns)
        missing = [c for c in required if c not in self.header]
        if missing:
            lacks = ", ".join(self._show(c) for c in missing)
            raise SamlabValueError(_text("header_lacks", lang, missing=lacks, columns=expected))
        unknown = [h for h in self.header if h not in self.columns]
        if unknown:
            names = ", ".join(map(repr, unknown))
            raise SamlabValueError(_text("unknown", lang, unknown=names, columns=expected))

    def _column(self, name: str) -> str:
        key = name.strip().lower().replace(" ", "_")
        return self._aliases.get(key, key)

    def _show(self, column: str) -> str:
        return self._shown.get(column, column)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each non-blank row as (row number in the file, {column: stripped cell}); every
        allowed column is present, empty where the file has no such column."""
        for number, cells in enumerate(self._reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(self.header):
                counts = {"cells": len(cells), "columns": len(self.header)}
                self.reject(number, [_text("too_many_cells", self.lang, **counts)])
                continue
            row = dict.fromkeys(self.columns, "")
            row.update(zip(self.header, (cell.strip() for cell in cells), strict=False))
            yield number, row

    def reject(self, number: int, reasons: Sequence[str]) -> None:
        """Note a bad row and why; :meth:`check` reports them all."""
        self.problems.append(_text("row", self.lang, row=number, reasons="; ".join(reasons)))

    def check(self, rows_read: int) -> None:
        """Raise if any row was bad (naming them all), or if there were no rows at all."""
        if self.problems:
            count = len(self.problems)
            raise SamlabValueError(
                _text("bad_rows", self.lang, count=count, what=self.what)
                + " | ".join(self.problems)
            )
        if not rows_read:
            raise SamlabValueError(_text("no_rows", self.lang, what=self.what))
