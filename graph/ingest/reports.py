"""Reading a report: a UTF-8 text file, or a PDF read with pypdf."""

from __future__ import annotations

from pathlib import Path


def read_report(path: str | Path) -> str:
    """The text of a report: a UTF-8 text file, or a PDF read with pypdf."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        return "\n".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the text
