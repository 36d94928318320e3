"""Reading a report for `extract`: a UTF-8 text file, or a PDF read with pypdf, within bounds.

A report comes from outside, so every resource it could exhaust is capped before the work that
would exhaust it, and every way it can be broken is a `ReportError` naming the file and what to do:
- the file's size (`MAX_FILE_BYTES`), checked before it is read;
- a text file must be UTF-8 (the error gives the first bad byte and its offset);
- a PDF's pages (`MAX_PAGES`) and the inflated size of its Flate streams (`MAX_INFLATED_BYTES`,
  all streams the text extraction reads: contents, forms, fonts), measured by inflating in chunks
  with the budget as the limit *before* pypdf inflates anything; pypdf 5 has no such cap, and a
  408 KB stream can inflate to 400 MB;
- garbage, truncated or empty PDFs: pypdf raises many types for them (PdfReadError, ValueError,
  KeyError, struct and zlib errors ...), all reported as "not a readable PDF".
"""

from __future__ import annotations

import zlib
from pathlib import Path

MAX_FILE_BYTES = 100_000_000
MAX_PAGES = 3_000
MAX_INFLATED_BYTES = 300_000_000


class ReportError(ValueError):
    """A report that cannot be read; the message names the file and what is wrong with it."""


def read_report(path: str | Path) -> str:
    """The text of a report: a UTF-8 text file, or a PDF read with pypdf."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReportError(f"{path}: cannot be read ({error.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise ReportError(f"{path}: {size:,} bytes, more than the {MAX_FILE_BYTES:,} a report may have; "
                          "split it, or extract the part you need")
    if path.suffix.lower() == ".pdf":
        return _read_pdf(path)
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReportError(f"{path}: not UTF-8 text (byte {data[error.start:error.start + 1]!r} at offset "
                          f"{error.start}); convert it first, e.g. `iconv -f windows-1252 -t utf-8`") from None


def _read_pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files are our one error line
    try:
        reader = PdfReader(str(path), strict=False)
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise ReportError(f"{path}: {len(pages):,} pages, more than the {MAX_PAGES:,} a report may have")
        budget = [MAX_INFLATED_BYTES]
        for page in pages:
            _check_inflated(page, budget, set(), path)
        return "\n".join((page.extract_text() or "") for page in pages)
    except ReportError:
        raise
    except RecursionError:
        raise ReportError(f"{path}: not a readable PDF (its objects nest too deeply)") from None
    except Exception as error:  # pypdf's many error types on damaged input: see the module docstring
        raise ReportError(f"{path}: not a readable PDF ({type(error).__name__}: {error}); "
                          "is it complete? Re-download it, or save its text as a .txt file") from None


def _check_inflated(node, budget: list[int], seen: set[int], path: Path, depth: int = 0) -> None:
    """Walk what a page's text extraction reads (not /Parent: the rest of the document) and charge
    every Flate stream's inflated size to `budget`; refuse the PDF when it runs out."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if depth > 40:
        return
    if isinstance(node, IndirectObject):
        if node.idnum in seen:
            return
        seen.add(node.idnum)
        node = node.get_object()
    if isinstance(node, StreamObject):
        filters = node.get("/Filter")
        filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
        raw = getattr(node, "_data", b"") or b""
        if filters and filters[0] in ("/FlateDecode", "/Fl"):
            budget[0] -= _inflated_size(raw, budget[0] + 1)
        else:
            budget[0] -= len(raw)
        if budget[0] < 0:
            raise ReportError(f"{path}: its streams inflate to more than {MAX_INFLATED_BYTES // 1_000_000} MB "
                              "(a compression bomb, or a report too large to read)")
    if isinstance(node, DictionaryObject):
        for key, value in node.items():
            if key not in ("/Parent", "/P", "/Annots", "/B", "/Dest"):
                _check_inflated(value, budget, seen, path, depth + 1)
    elif isinstance(node, ArrayObject):
        for value in node:
            _check_inflated(value, budget, seen, path, depth + 1)


def _inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes `raw` inflates to, counting at most `limit` (never holding more than 1 MB of it)."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)
    total = 0
    data = raw
    try:
        while data and total < limit:
            out = inflater.decompress(data, 1 << 20)
            total += len(out)
            data = inflater.unconsumed_tail
            if not out and not data:
                break
    except zlib.error:
        return total  # a damaged stream: pypdf will say so when it reads it
    return total
