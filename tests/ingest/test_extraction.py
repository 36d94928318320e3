"""`policing-kg extract` on short reports written for these tests (about other forces than the
seed texts), and the rule that unreviewed drafts never reach the published graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import graph
from graph.data.evidence import find_quote
from graph.data.records import load_records
from graph.ingest.extraction import extract, fold

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
NAMES = sorted(p.stem for p in REPORTS.glob("*.txt"))


@pytest.fixture(scope="module")
def drafts(data_dir):
    """name -> (report text, expected, draft as parsed YAML), extracted once."""
    out = {}
    for name in NAMES:
        text = (REPORTS / f"{name}.txt").read_text(encoding="utf-8")
        expected = yaml.safe_load((REPORTS / f"{name}.expected.yaml").read_text(encoding="utf-8"))
        draft = extract(text, f"test-{name}", data_dir=data_dir, date="2015")
        out[name] = (text, expected, yaml.safe_load(draft.to_yaml()), draft)
    return out


def _labels(document) -> dict[str, dict]:
    return {fold(e["label"]): e for e in document.get("entities", [])}


def _records(document):
    for section in ("entities", "mentions", "judgements", "statistics", "quotations", "recommendations"):
        for record in document.get(section, []):
            yield record
            yield from record.get("items", [])


@pytest.mark.parametrize("name", NAMES)
def test_every_proposal_is_unreviewed_and_quotes_the_report(drafts, name):
    text, _, document, _ = drafts[name]
    assert document["reviewed"] is False
    records = list(_records(document))
    assert records
    for record in records:
        assert record["reviewed"] is False, record
        match = find_quote(record["quote"], text)
        assert match is not None, record["quote"]
        assert [match.start, match.end] == record["offsets"], record


@pytest.mark.parametrize("name", NAMES)
def test_draft_parses_with_the_project_loader(drafts, name, tmp_path):
    _, _, _, draft = drafts[name]
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / f"{name}.yaml").write_text(draft.to_yaml().replace("reviewed: false", "reviewed: true"),
                                                       encoding="utf-8")
    records, problems = load_records(tmp_path)
    assert problems == []
    assert len(records.entities) == len(draft.entities)
    assert len(records.statistics) == len(draft.statistics)


@pytest.mark.parametrize("name", NAMES)
def test_entities(drafts, name):
    _, expected, document, _ = drafts[name]
    labels = _labels(document)
    for label, type_ in expected["new_entities"].items():
        assert fold(label) in labels, f"{label} not proposed; got {sorted(labels)}"
        assert labels[fold(label)]["type"] == type_
    for acronym, expansion in expected["acronyms"].items():
        assert acronym in labels[fold(expansion)].get("aliases", [])
    mentioned = {m["entity"] for m in document.get("mentions", [])}
    assert set(expected["mentions"]) <= mentioned
    # Another force's units are not claimed by their lower-case names.
    assert not any(e.startswith("unit/kent-") for e in mentioned)


@pytest.mark.parametrize("name", NAMES)
def test_judgements(drafts, name):
    _, expected, document, _ = drafts[name]
    labels = {e["id"]: fold(e["label"]) for e in document.get("entities", [])}
    found = {(j["area"], j["grade"]) for j in document.get("judgements", [])}
    found |= {(labels.get(j["area"], ""), j["grade"]) for j in document.get("judgements", [])}
    for want in expected["judgements"]:
        area = want.get("area") or fold(want["area_label"])
        assert (area, want["grade"]) in found, f"{want} not in {found}"
    assert all(j["subject"] == expected["subject"] for j in document.get("judgements", []))


@pytest.mark.parametrize("name", NAMES)
def test_recommendations(drafts, name):
    _, expected, document, _ = drafts[name]
    recs = document.get("recommendations", [])
    assert len(recs) == len(expected["recommendations"])
    for rec, want in zip(recs, expected["recommendations"], strict=True):
        assert rec["addressee"] == want["addressee"]
        assert len(rec.get("items", [])) == want["items"]
        if "deadline" in want:
            assert rec["deadline"] == want["deadline"]


@pytest.mark.parametrize("name", NAMES)
def test_statistics(drafts, name):
    _, expected, document, _ = drafts[name]
    stats = document.get("statistics", [])
    by_id = {s["id"]: s for s in stats}
    for want in expected["statistics"]:
        hits = [s for s in stats if float(s["value"]) == want["value"] and s["unit"] == want["unit"]]
        assert hits, f"{want} not found"
        stat = hits[0]
        assert stat["area"] == want["area"], stat
        if "margin" in want:
            assert stat["margin"] == want["margin"]
        if "period" in want:
            assert stat["period"]["end"] == want["period"]
        if "compared" in want:
            assert float(by_id[stat["comparator"]]["value"]) == want["compared"]


@pytest.mark.parametrize("name", NAMES)
def test_quotations(drafts, name):
    _, expected, document, _ = drafts[name]
    people = {e["id"]: e["label"] for e in document.get("entities", []) if e["type"] == "Person"}
    quotes = document.get("quotations", [])
    assert len(quotes) == len(expected["quotations"])
    for quote, want in zip(quotes, expected["quotations"], strict=True):
        assert people.get(quote["speaker"]) == want["speaker_label"]
        assert quote["quote"].startswith(want["starts"])


def test_accepted_draft_validates_and_reaches_the_graph(drafts, data_copy, cli):
    """The whole loop: register the report, extract, accept, validate; an unreviewed copy is skipped."""
    name = "avon-crime"
    (data_copy / "sources" / "avon-crime.txt").write_text((REPORTS / f"{name}.txt").read_text(encoding="utf-8"),
                                                         encoding="utf-8")
    with (data_copy / "sources" / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write("\n- id: test-avon-crime\n  file: avon-crime.txt\n  title: Crime inspection 2015 (test)\n"
                      "  kind: InspectionReport\n  publisher: org/hmic\n  date: \"2015\"\n  date_basis: A test.\n")
    draft_path = data_copy / "records" / "test-avon-crime.yaml"
    result = cli("extract", data_copy / "sources" / "avon-crime.txt", "--source-id", "test-avon-crime",
                 "--date", "2015", "--data", data_copy, "-o", draft_path)
    assert result.exit_code == 0, result.output
    draft = draft_path.read_text(encoding="utf-8")

    # Unreviewed: validate passes, says it skipped the draft, and the graph does not hold it.
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 0, result.output
    records = sum(len(v) for v in yaml.safe_load(draft).values() if isinstance(v, list))
    assert f"skipped 1 unreviewed draft ({records} records" in result.output
    kg = graph.load(data_copy, shapes=False)
    assert not any(j.id.startswith("judgement/test-avon-crime") for j in kg.corpus.records.judgements)

    # One record left unreviewed inside an accepted file is still kept out.
    accepted = draft.replace("reviewed: false", "reviewed: true")
    at = accepted.index("reviewed: true", accepted.index("\njudgements:"))
    accepted = accepted[:at] + "reviewed: false" + accepted[at + len("reviewed: true"):]
    draft_path.write_text(accepted, encoding="utf-8")
    kg = graph.load(data_copy)
    judgements = [j for j in kg.corpus.records.judgements if j.id.startswith("judgement/test-avon-crime")]
    assert len(judgements) == 1
    assert [(d.file, d.records) for d in kg.corpus.records.drafts] == [("records/test-avon-crime.yaml", 1)]
    assert any(s.id.startswith("statistic/test-avon-crime") for s in kg.corpus.records.statistics)


def test_unreviewed_records_are_skipped(tmp_path):
    records_dir = tmp_path / "records"
    records_dir.mkdir()
    (records_dir / "a.yaml").write_text(
        "source: s\nentities:\n"
        "  - {id: unit/a, type: Unit, label: A, quote: A}\n"
        "  - {id: unit/b, type: Unit, label: B, quote: B, reviewed: false}\n"
        "  - {id: unit/c, type: Unit, label: C, quote: C, reviewed: true}\n", encoding="utf-8")
    (records_dir / "b.draft.yaml").write_text(
        "source: s\nentities:\n  - {id: unit/d, type: Unit, label: D, quote: D}\n", encoding="utf-8")
    (records_dir / "c.yaml").write_text("source: s\nreviewed: false\nentities:\n"
                                        "  - {id: unit/e, type: Unit, label: E, quote: E, reviewed: true}\n",
                                        encoding="utf-8")
    records, problems = load_records(tmp_path)
    assert problems == []
    assert [e.id for e in records.entities] == ["unit/a", "unit/c"]
    assert sorted((d.file, d.records, d.whole_file) for d in records.drafts) == [
        ("records/a.yaml", 1, False), ("records/b.draft.yaml", 1, True), ("records/c.yaml", 1, True)]


def test_reviewed_must_be_a_boolean(tmp_path):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "a.yaml").write_text(
        "source: s\nentities:\n  - {id: unit/a, type: Unit, label: A, quote: A, reviewed: maybe}\n", encoding="utf-8")
    records, problems = load_records(tmp_path)
    assert records.entities == []
    assert any("`reviewed` must be true or false" in p.message for p in problems)


def test_pdf_reports_are_read_with_pypdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    from graph.ingest.extraction import read_report

    assert read_report(path).strip() == ""
