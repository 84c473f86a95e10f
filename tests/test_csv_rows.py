"""The shared reader of CSV tables people write: every bad row named, nothing read if any."""

from __future__ import annotations

import io

import pytest

from samlab.csv_rows import Rows, read_text
from samlab.errors import SamlabValueError

COLUMNS = ("name", "count")
ALIASES = {"navn": "name", "antall": "count"}


def read(text: str, lang: str = "en") -> list[tuple[int, dict[str, str]]]:
    rows = Rows(
        text, "test file", COLUMNS, ("name",), {"navn": "name", "antall": "count"}, lang=lang
    )
    good = []
    for number, row in rows:
        if not row["count"].isdigit():
            rows.reject(number, [f"count {row['count']!r} is not a whole number"])
            continue
        good.append((number, row))
    rows.check(len(good))
    return good


def test_rows_are_numbered_as_in_a_spreadsheet_and_blank_lines_are_skipped():
    rows = read("Name , Count\n\nA, 1\n ,  \nB,2\n")
    assert rows == [(3, {"name": "A", "count": "1"}), (5, {"name": "B", "count": "2"})]


def test_norwegian_headers_and_missing_optional_columns():
    assert read("Navn,Antall\nA,1\n") == [(2, {"name": "A", "count": "1"})]
    rows = Rows("name\nA\n", "test file", COLUMNS, ("name",))
    assert list(rows) == [(2, {"name": "A", "count": ""})]


def test_every_bad_row_is_named_and_nothing_is_read():
    with pytest.raises(SamlabValueError) as error:
        read("name,count\nA,1\nB,x\nC,2,extra\nD,3\n")
    message = str(error.value)
    assert message.startswith("2 bad row(s) in the test file, nothing read: ")
    assert "row 3: count 'x' is not a whole number" in message
    assert "row 4: 3 cells but 2 columns" in message
    assert "row 2" not in message and "row 5" not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the test file is empty; it needs a header row"),
        ("count\n1\n", "the header row lacks name; expected columns: name, count"),
        ("name,colour\nA,red\n", "unknown column(s) 'colour'; allowed: name, count"),
        ("name,count\n\n", "the test file has a header but no rows"),
    ],
)
def test_bad_tables_say_what_is_wrong(text, expected):
    with pytest.raises(SamlabValueError) as error:
        read(text)
    assert str(error.value) == expected


def test_messages_in_bokmal_name_columns_as_the_template_does():
    aliases, shown = {"navn": "name", "antall": "count"}, {"name": "navn", "count": "antall"}
    with pytest.raises(SamlabValueError) as error:
        Rows("antall\n1\n", "testfilen", COLUMNS, ("name",), aliases, shown, lang="nb")
    assert str(error.value) == "overskriftsraden mangler navn; kolonnene skal være: navn, antall"
    rows = Rows("navn,antall\nA,1,2\n", "testfilen", COLUMNS, ("name",), aliases, lang="nb")
    assert list(rows) == []
    expected = r"^1 rad\(er\) med feil i testfilen, ingenting er lest inn: rad 2: 3 celler, men"
    with pytest.raises(SamlabValueError, match=expected):
        rows.check(0)


def test_read_text_from_a_path_an_open_file_or_the_text(tmp_path):
    path = tmp_path / "file.csv"
    path.write_text("name\nA\n", encoding="utf-8-sig")
    assert read_text(str(path), "test file") == "name\nA\n"  # the spreadsheet's BOM is dropped
    assert read_text(io.StringIO("name\nB\n"), "test file") == "name\nB\n"
    assert read_text("name\nC\n", "test file") == "name\nC\n"
    with pytest.raises(SamlabValueError, match=r"^no test file at '/nowhere\.csv'$"):
        read_text("/nowhere.csv", "test file", "en")
    with pytest.raises(SamlabValueError, match=r"^finner ikke testfilen på '/nowhere\.csv'$"):
        read_text("/nowhere.csv", "testfilen", "nb")
