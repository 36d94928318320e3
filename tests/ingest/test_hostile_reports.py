"""`policing-kg extract` on broken and hostile input (issue 19, item 7): one clear error line, a
non-zero exit, no traceback and no draft written."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from graph.ingest import reports

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"
REPORT = CORPUS / "gwent-opcc-2017-peel-legitimacy.txt"


def _pdf(path: Path, stream: bytes | None = None) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    if stream is not None:
        contents = StreamObject()
        contents._data = stream
        contents[NameObject("/Filter")] = NameObject("/FlateDecode")
        page[NameObject("/Contents")] = writer._add_object(contents)
    with path.open("wb") as out:
        writer.write(out)
    return path


def _fails_cleanly(cli, tmp_path, *args, says: str):
    draft = tmp_path / "draft.yaml"
    result = cli("extract", *args, "-o", draft)
    assert result.exit_code != 0
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert says in result.output, result.output
    assert not draft.exists()


def _garbage(tmp_path):
    return tmp_path / "garbage.pdf", b"%PDF-1.4\n\x00\x01 this is not a PDF"


def _truncated(tmp_path):
    whole = _pdf(tmp_path / "whole.pdf", zlib.compress(b"BT /F1 12 Tf (Hello) Tj ET")).read_bytes()
    return tmp_path / "truncated.pdf", whole[: len(whole) // 3]


def _empty(tmp_path):
    return tmp_path / "empty.pdf", b""


def _latin1(tmp_path):
    return tmp_path / "report.txt", "Café réport on the constabulary".encode("latin-1")


@pytest.mark.parametrize(("make", "says"), [
    pytest.param(_garbage, "not a readable PDF", id="garbage-pdf-traceback"),
    pytest.param(_truncated, "not a readable PDF", id="truncated-pdf-traceback"),
    pytest.param(_empty, "not a readable PDF", id="empty-pdf-traceback"),
    pytest.param(_latin1, "not UTF-8 text (byte b'\\xe9' at offset 3)", id="non-utf8-text-traceback"),
])
def test_broken_reports_give_one_clear_error(cli, tmp_path, data_dir, make, says):
    path, data = make(tmp_path)
    path.write_bytes(data)
    _fails_cleanly(cli, tmp_path, path, "--source-id", "x", "--data", data_dir, says=says)


def test_flate_bomb_pdf_is_refused_before_it_inflates(cli, tmp_path, data_dir, monkeypatch):
    monkeypatch.setattr(reports, "MAX_INFLATED_BYTES", 2_000_000)
    bomb = _pdf(tmp_path / "bomb.pdf", zlib.compress(b"0" * 40_000_000, 9))
    assert bomb.stat().st_size < 100_000
    _fails_cleanly(cli, tmp_path, bomb, "--source-id", "x", "--data", data_dir, says="inflate to more than 2 MB")


def test_pdf_with_too_many_pages_is_refused(cli, tmp_path, data_dir, monkeypatch):
    monkeypatch.setattr(reports, "MAX_PAGES", 1)
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=100, height=100)
    path = tmp_path / "long.pdf"
    with path.open("wb") as out:
        writer.write(out)
    _fails_cleanly(cli, tmp_path, path, "--source-id", "x", "--data", data_dir, says="3 pages, more than the 1")


def test_oversized_report_is_refused_before_it_is_read(cli, tmp_path, data_dir, monkeypatch):
    monkeypatch.setattr(reports, "MAX_FILE_BYTES", 1000)
    _fails_cleanly(cli, tmp_path, REPORT, "--source-id", "x", "--data", data_dir, says="more than the 1,000")


@pytest.mark.parametrize(("option", "value", "says"), [
    pytest.param("--date", "2014-02-30", "impossible date '2014-02-30'", id="impossible-date-accepted"),
    pytest.param("--source-id", "../../X Y", "an id is lower-case letters", id="path-in-source-id-accepted"),
    pytest.param("--force", "force/kentt", "did you mean force/kent?", id="unknown-force-accepted"),
])
def test_bad_options_are_rejected(cli, tmp_path, data_dir, option, value, says):
    args = [REPORT, option, value, "--data", data_dir]
    if option != "--source-id":
        args += ["--source-id", "x"]
    _fails_cleanly(cli, tmp_path, *args, says=says)


def test_extract_many_reports_writes_one_draft_each_and_a_summary(cli, tmp_path, data_dir):
    folder = tmp_path / "reports"
    folder.mkdir()
    names = ["gwent-opcc-2017-peel-legitimacy", "hmicfrs-peel-2018-19-norfolk"]
    for name in names:
        (folder / f"{name}.txt").write_bytes((CORPUS / f"{name}.txt").read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "drafts"
    result = cli("extract", folder, "--data", data_dir, "-o", out)
    assert result.exit_code == 1  # one report failed; the others are written
    assert "broken.pdf: not a readable PDF" in result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{n}.yaml" for n in names]
    for name in names:
        row = next(line for line in result.output.splitlines() if line.startswith(str(out / name)))
        assert len(row.split()) == 9  # the draft, a count per section and the acronyms
    assert "2 draft(s) written, all unreviewed; 1 report(s) failed" in result.output
    result = cli("extract", folder / f"{names[0]}.txt", folder / f"{names[1]}.txt", "--source-id", "x",
                 "--data", data_dir, "-o", out)
    assert result.exit_code == 2 and "--source-id names one report" in result.output
