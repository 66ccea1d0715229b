"""Messy spreadsheet files: every problem is a clear message, per line where it can be."""

from __future__ import annotations

import pytest

from bot.flows.csv_source import CsvError, read_csv


def rows_of(path):  # type: ignore[no-untyped-def]
    _, rows = read_csv(path, required=("name",))
    return [(r.line, r.values.get("name"), r.problem and str(r.problem)) for r in rows]


def test_a_line_with_more_cells_than_the_header_is_reported_not_shifted(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,mrr,currency\nAcme,1234,56,EUR\nZeta,10,EUR\nTrailing,1,EUR,,\n")
    found = rows_of(path)
    assert found[0][0] == 2 and "4 cells but the header has 3 columns" in found[0][2]
    assert found[1:] == [(3, "Zeta", None), (4, "Trailing", None)]


def test_an_unclosed_quote_stops_reading_with_a_line_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('name,mrr\nAcme,1\n"Unclosed,10\nZeta,1\n')
    found = rows_of(path)
    assert found[0] == (2, "Acme", None)
    assert "cannot be read from here on" in found[-1][2]


def test_a_huge_field_is_a_line_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,mrr\nAcme,1\nBig," + "9" * 200_000 + "\n")
    assert "cannot be read from here on" in rows_of(path)[-1][2]


def test_duplicate_headers_are_refused(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,name\nA,B\n")
    with pytest.raises(CsvError, match="name appear more than once"):
        read_csv(path)


def test_utf16_and_odd_windows_1252_bytes_are_read(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_text("name\tmrr\nCafé\t1\n", encoding="utf-16")
    assert rows_of(path) == [(2, "Café", None)]
    path = tmp_path / "cp.csv"
    path.write_bytes(b"name,mrr\nCaf\xe9 \x81,1\n")
    assert rows_of(path)[0][1].startswith("Café")


def test_a_directory_is_named_as_such(tmp_path):
    with pytest.raises(CsvError, match="is a directory"):
        read_csv(tmp_path)
