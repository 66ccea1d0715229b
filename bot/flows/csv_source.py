"""Reading spreadsheet exports as they really are: BOM or not, UTF-8 or Windows-1252, `,` or `;`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class CsvError(ValueError):
    pass


@dataclass(frozen=True)
class CsvRow:
    line: int  # 1-based line number in the file, as a spreadsheet shows it
    values: dict[str, str]  # header (lower-cased, stripped) -> cell (stripped)


def detect_encoding(path: Path) -> str:
    head = path.read_bytes()[:65536]
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if error.start >= len(head) - 3:
            return "utf-8"
        return "cp1252"


def detect_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, *, required: tuple[str, ...] = ()) -> tuple[list[str], Iterator[CsvRow]]:
    """(headers, rows). Streams the file; raises CsvError if a required column is missing."""
    if not path.exists():
        raise CsvError(f"{path}: no such file")
    encoding = detect_encoding(path)
    handle = path.open("r", encoding=encoding, newline="")
    first = handle.readline()
    handle.seek(0)
    if encoding == "utf-8-sig":
        handle.read(0)
    reader = csv.reader(handle, delimiter=detect_delimiter(first))
    try:
        headers = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        handle.close()
        raise CsvError(f"{path}: the file is empty") from None
    missing = [r for r in required if r not in headers]
    if missing:
        handle.close()
        raise CsvError(f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(headers) or 'none'}")
    return headers, _rows(handle, reader, headers)


def _rows(handle: io.TextIOBase, reader, headers: list[str]) -> Iterator[CsvRow]:  # type: ignore[no-untyped-def]
    with handle:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            padded = cells + [""] * (len(headers) - len(cells))
            yield CsvRow(reader.line_num, {h: padded[i].strip() for i, h in enumerate(headers) if h})
