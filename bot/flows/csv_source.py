"""Reading spreadsheet exports as they really are: BOM or not, UTF-8 or Windows-1252, `,` or `;`.

Files are streamed: memory does not grow with the file, however long. What is wrong with a file or
a line is a Msg, shown in the reader's language (str() of a CsvError is its English text).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from bot.i18n import Msg, MsgError, N_, lazy_ngettext

SAMPLE_BYTES = 65536
HEADER_SEARCH_LINES = 20  # report exports (QuickBooks) put a title, company and period above the header


class CsvError(MsgError):
    """The file cannot be read as a whole. Raised with a Msg: `message`; str() is the English text."""


class CsvRow(NamedTuple):  # not a frozen dataclass: made a million times per big import, 3× faster to build
    line: int  # 1-based line number in the file, as a spreadsheet shows it
    values: dict[str, str]  # header (lower-cased, stripped) -> cell (stripped)
    problem: Msg | None = None  # set when the line cannot be read as the header says: report it, skip it


@dataclass(frozen=True)
class RowError:
    """One line an import refused: shown as "line N: reason" in the reader's language."""

    line: int  # the file's line number (CSV) or the row's index (JSON)
    reason: Msg | str

    @property
    def message(self) -> str:
        """The reason in English (the invoice webhook's JSON answer, logs)."""
        return str(self.reason)


def reason(error: Exception) -> Msg | str:
    """Why a line was refused: the Msg a parser raised its ValueError with, else the error's own text."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Msg) else str(error)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    # A stray Windows-1252 byte past the sampled start of a UTF-8 file: read it as Windows-1252.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("redflag-cp1252", _cp1252_fallback)


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SAMPLE_BYTES)


def detect_encoding(path: Path) -> str:
    head = _head(path)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text"
        return "utf-16"
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


class _CountingReader(io.RawIOBase):
    """Passes bytes through and tells `progress(bytes read, file size)` as it goes."""

    def __init__(self, path: Path, progress: Callable[[int, int], None]) -> None:
        super().__init__()
        self._file = path.open("rb")
        self._total = path.stat().st_size
        self._done = 0
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        count = self._file.readinto(buffer)
        self._done += count or 0
        self._progress(self._done, self._total)
        return count or 0

    def close(self) -> None:
        self._file.close()
        super().close()


def _open_text(path: Path, encoding: str, progress: Callable[[int, int], None] | None) -> io.TextIOBase:
    # UTF-8 files may hold stray Windows-1252 bytes; Windows-1252 has 5 undefined bytes (shown as �).
    errors = "redflag-cp1252" if encoding.startswith("utf-8") else "replace"
    if progress is None:
        return path.open("r", encoding=encoding, errors=errors, newline="")
    return io.TextIOWrapper(io.BufferedReader(_CountingReader(path, progress)), encoding=encoding, errors=errors,
                            newline="")


def read_csv(
    path: Path,
    *,
    required: tuple[str, ...] = (),
    find_header: Callable[[list[str]], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[str], Iterator[CsvRow]]:
    """(headers, rows). Streams the file; raises CsvError if a required column is missing.

    The header is the first line, or with `find_header` the first of the first
    20 lines for which it answers True (lines above it are skipped).
    `progress(bytes read, file size)` is called as the file is read.
    """
    if not path.exists():
        raise CsvError(N_("{path}: no such file", path=str(path)))
    if not path.is_file():
        raise CsvError(N_("{path}: is a directory, not a file", path=str(path)))
    encoding = detect_encoding(path)
    sample = _head(path).decode(encoding, errors="replace").splitlines()
    if find_header is None:
        delimiter = detect_delimiter(sample[0] if sample else "")
    else:
        delimiter = detect_delimiter("\n".join(sample[:HEADER_SEARCH_LINES]))
    handle = _open_text(path, encoding, progress)
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    try:
        headers = _header(reader, find_header)
    except StopIteration:
        handle.close()
        raise CsvError(N_("{path}: the file is empty", path=str(path))) from None
    except (CsvError, csv.Error, UnicodeError) as error:
        handle.close()
        raise CsvError(N_("{path}: {problem}", path=str(path), problem=reason(error))) from None
    twice = sorted({h for h in headers if h and headers.count(h) > 1})
    if twice:
        handle.close()
        raise CsvError(N_("{path}: column(s) {columns} appear more than once in the header; keep one of each",
                          path=str(path), columns=", ".join(twice)))
    missing = [r for r in required if r not in headers]
    if missing and not any(headers):
        handle.close()
        raise CsvError(N_("{path}: missing column(s) {missing}; the header line is empty", path=str(path),
                          missing=", ".join(missing)))
    if missing:
        handle.close()
        raise CsvError(N_("{path}: missing column(s) {missing}; found {found}", path=str(path),
                          missing=", ".join(missing), found=", ".join(headers)))
    return headers, _rows(handle, reader, headers)


def _header(reader, find_header: Callable[[list[str]], bool] | None) -> list[str]:  # type: ignore[no-untyped-def]
    first = None
    for _ in range(HEADER_SEARCH_LINES if find_header else 1):
        try:
            cells = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            if first is None:
                raise
            break
        first = first or cells
        if find_header is None or find_header(cells):
            return cells
    raise CsvError(N_("no header line with the expected columns in the first {n} lines (the first line has: {cells})",
                      n=HEADER_SEARCH_LINES, cells=", ".join(c for c in first or [] if c) or N_("nothing")))


def _rows(handle: io.TextIOBase, reader, headers: list[str]) -> Iterator[CsvRow]:  # type: ignore[no-untyped-def]
    """Rows of the file. A line with more filled cells than the header has columns, or the point
    where the file stops being readable CSV (an unclosed quote, a bad byte), comes as a row with
    `problem` set; reading stops after the latter."""
    width = len(headers)
    named = all(headers)  # no blank header cells: every cell up to the header's width is kept
    with handle:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeError) as error:
                yield CsvRow(reader.line_num, {}, N_("the file cannot be read from here on ({error}); lines after "
                                                     "this one were not imported", error=str(error)))
                return
            if not "".join(cells).strip():  # no cell with anything but blanks
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                yield CsvRow(reader.line_num, {}, lazy_ngettext(
                    "{cells} cells but the header has {n} column (an unquoted comma inside a value, e.g. a decimal "
                    "comma?)", "{cells} cells but the header has {n} columns (an unquoted comma inside a value, e.g. "
                    "a decimal comma?)", width, cells=len(cells)))
                continue
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            if named:
                yield CsvRow(reader.line_num, dict(zip(headers, map(str.strip, cells))))
            else:
                yield CsvRow(reader.line_num, {h: cells[i].strip() for i, h in enumerate(headers) if h})
