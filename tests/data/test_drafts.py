"""`validate` checks the unreviewed drafts too, apart from the curated data.

The draft is a real one: `policing-kg extract` run on a real report kept in data/sources/
(HMICFRS's page on Northumbria Police's PEEL 2018/19 assessment, the README's walk-through).
Each bad case breaks that draft in one way; the curated data stays clean throughout.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

import graph
from graph.data.drafts import check_drafts

SOURCE_ID = "hmicfrs-peel-2018-19-northumbria"
DRAFT = f"records/{SOURCE_ID}.draft.yaml"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory, data_dir):
    """A copy of data/ with the extractor's draft of a real report in it, made once."""
    from click.testing import CliRunner

    from graph.cli import main

    folder = tmp_path_factory.mktemp("drafted") / "data"
    shutil.copytree(data_dir, folder)
    result = CliRunner().invoke(main, ["extract", str(folder / "sources" / f"{SOURCE_ID}.txt"), "--source-id",
                                       SOURCE_ID, "--date", "2018", "--data", str(folder), "-o", str(folder / DRAFT)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def data_with_draft(drafted, tmp_path):
    """A private copy of the drafted data folder, which a test may break."""
    target = tmp_path / "data"
    shutil.copytree(drafted, target)
    return target


def _first(document: dict, field: str) -> dict:
    """The first record of the draft (in section order) that has `field`."""
    for items in document.values():
        for record in items if isinstance(items, list) else ():
            if isinstance(record, dict) and field in record:
                return record
    raise AssertionError(f"the draft has no record with {field!r}")


def _missing_quote(document):
    _first(document, "quote")["quote"] = "Northumbria Police is the best force in the whole world."
    return "quote not found in source " + SOURCE_ID


def _unresolved_reference(document):
    mention = (document.get("mentions") or [None])[0] or _first(document, "entity")
    mention["entity"] = "force/atlantis"
    return "refers to an unknown id: 'force/atlantis'"


def _bad_id(document):
    _first(document, "id")["id"] = "Area/Not An Id"
    return "malformed id: 'Area/Not An Id'"


def _id_taken_by_the_curated_data(document):
    _first(document, "id")["id"] = "force/northumbria"
    return "duplicate id (first defined at records/reference-forces.yaml"


BREAKAGES = [_missing_quote, _unresolved_reference, _bad_id, _id_taken_by_the_curated_data]


def _break(folder, breakage) -> str:
    path = folder / DRAFT
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = breakage(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return expected


def test_a_real_draft_is_checked_and_reported_after_the_curated_verdict(drafted, cli):
    result = cli("validate", "--data", drafted)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{drafted}: no problems."
    assert f"draft {DRAFT} (" in result.output and "kept out of the graph" in result.output
    checks = check_drafts(drafted)
    assert [c.file for c in checks] == [DRAFT] and checks[0].whole_file and checks[0].records > 0
    # the extractor's quotes are the report's words, so the real draft has no quote problem
    assert not [p for p in checks[0].problems if "quote not found" in p.message], checks[0].problems


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.__name__.strip("_") for b in BREAKAGES])
def test_a_broken_draft_is_reported_under_its_heading_and_the_exit_status_is_the_curated_datas(
        data_with_draft, cli, breakage):
    expected = _break(data_with_draft, breakage)

    result = cli("validate", "--data", data_with_draft)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # the curated data has no problem; the draft's go with its report
    lines = result.stdout.splitlines()
    assert lines[0] == f"{data_with_draft}: no problems."
    heading = next(i for i, line in enumerate(lines) if line.startswith(f"draft {DRAFT} "))
    assert "problem" in lines[heading] and "no problems" not in lines[heading]
    reported = [line for line in lines[heading + 1:] if expected in line]
    assert reported and all(line.startswith(f"  {DRAFT}:") for line in reported), result.output

    strict = cli("validate", "--data", data_with_draft, "--strict-drafts")
    assert strict.exit_code == 1
    assert "found in drafts (--strict-drafts)" in strict.output

    # the library says the same, and the curated data's verdict is untouched
    assert graph.validate(data_with_draft) == ([], [])
    (check,) = graph.check_drafts(data_with_draft)
    assert any(expected in str(p) for p in check.problems)


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.__name__.strip("_") for b in BREAKAGES])
def test_a_broken_draft_never_reaches_the_graph(data_with_draft, breakage):
    _break(data_with_draft, breakage)
    kg = graph.load(data_with_draft, shapes=False)
    assert not [r for r in kg.corpus.records.evidenced() if r.origin.file == DRAFT]
    assert [(d.file, d.whole_file) for d in kg.corpus.records.drafts] == [(DRAFT, True)]


def test_curated_problems_come_first_and_set_the_exit_status(data_with_draft, cli):
    _break(data_with_draft, _missing_quote)
    kent = data_with_draft / "records" / "hmic-2014-kent-crime.yaml"
    kent.write_text(kent.read_text(encoding="utf-8").replace(
        "the joint Essex and Kent Serious Crime Directorate", "the joint Essex and Kent Serious Crimes Directorate", 1),
        encoding="utf-8")
    result = cli("validate", "--data", data_with_draft)
    assert result.exit_code == 1
    output = result.output
    assert output.index("Serious Crimes Directorate") < output.index("1 problem found.")
    assert output.index("1 problem found.") < output.index(f"draft {DRAFT}")
    assert "Northumbria Police is the best force" not in result.stderr  # the draft's problem is not the data's


def test_unreviewed_records_of_a_reviewed_file_are_checked_as_a_draft_of_their_own(data_copy, cli):
    path = data_copy / "records" / "hmicfrs-2020-suffolk-crime-data-integrity.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nquotations:\n  - id: quotation/suffolk-draft-words\n    speaker: person/nobody-known\n"
                    "    quote: Words the page does not hold.\n    reviewed: false\n", encoding="utf-8")
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 0, result.output
    shown = "records/hmicfrs-2020-suffolk-crime-data-integrity.yaml"
    assert f"draft {shown} (1 unreviewed record, kept out of the graph): 2 problems" in result.output
    assert "speaker refers to an unknown id: 'person/nobody-known'" in result.output
    assert "quote not found in source hmicfrs-2020-suffolk-crime-data-integrity" in result.output


def test_a_draft_file_that_is_not_yaml_is_the_drafts_problem_not_the_datas(data_copy, cli):
    (data_copy / "records" / "broken.draft.yaml").write_text("entities: [\n  - id: unit/x\n", encoding="utf-8")
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"{data_copy}: no problems."
    assert "draft records/broken.draft.yaml (0 records, kept out of the graph): 1 problem" in result.output
    assert cli("validate", "--data", data_copy, "--strict-drafts").exit_code == 1


def test_no_drafts_no_drafts_section(data_dir, cli):
    result = cli("validate", "--data", data_dir)
    assert result.output == f"{data_dir}: no problems.\n"
