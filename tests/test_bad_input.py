"""Bad input gets one clear error per problem: file, line, value, what to do; exit 1; nothing written."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

ENTITIES = "records/entities.yaml"


def _append(path: Path, text: str) -> int:
    """Append `text` to a YAML file; return the line number where it starts."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n" + text, encoding="utf-8")
    return before.rstrip("\n").count("\n") + 2


def _new_file(data: Path, name: str, text: str) -> int:
    (data / "records" / name).write_text(text, encoding="utf-8")
    return 1


GOOD_ENTITY = """
  - id: unit/test-unit
    type: Unit
    label: Test unit
    source: hmic-2014-kent-crime
    quote: the joint Essex and Kent Serious Crime Directorate
"""


def malformed_yaml(data):
    _new_file(data, "zz-bad.yaml", "entities:\n  - id: unit/x\n    label: [unclosed\n")
    return "records/zz-bad.yaml", "malformed YAML", None


def unknown_reference(data):
    _new_file(
        data,
        "zz-bad.yaml",
        "source: hmic-2014-kent-crime\nrelations:\n  - subject: force/kent\n"
        "    predicate: worksWith\n    object: org/no-such-agency\n    quote: Kent Police\n",
    )
    return "records/zz-bad.yaml:3", "unknown id", "org/no-such-agency"


def duplicate_id(data):
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY + GOOD_ENTITY)
    return "records/zz-bad.yaml:8", "duplicate id", "unit/test-unit"


def quote_not_in_source(data):
    _new_file(
        data,
        "zz-bad.yaml",
        "entities:"
        + GOOD_ENTITY.replace(
            "the joint Essex and Kent Serious Crime Directorate", "Kent Police had a victim satisfaction rate of 96.7"
        ),
    )
    return "records/zz-bad.yaml:2", "quote not found", "Closest passage"


def impossible_date(data):
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY + '    date: "2014-02-30"\n')
    return "records/zz-bad.yaml:2", "impossible date", "2014-02-30"


def unknown_grade(data):
    path = data / "records" / "hmic-2014-kent-crime.yaml"
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"grade: four-point/good", "grade: four-point/excellent", text, count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    return "records/hmic-2014-kent-crime.yaml", "unknown grade", "four-point/excellent"


def missing_source_file(data):
    (data / "sources" / "002_ed8f2c7e97c1e82c.txt").unlink()
    lines = (data / "sources" / "sources.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text == "- id: kent-police-2023-asb-week")
    return f"sources/sources.yaml:{line}", "source file not found", "002_ed8f2c7e97c1e82c.txt"


def unknown_field(data):
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY + "    lable: typo\n")
    return "records/zz-bad.yaml:2", "unknown field", "Did you mean `label`?"


def python_object_tag(data):
    _new_file(data, "zz-bad.yaml", "entities: !!python/object/apply:os.system ['touch /tmp/policing-kg-pwned']\n")
    return "records/zz-bad.yaml:1", "malformed YAML", None


def explicit_tag_on_a_value_it_cannot_take(data):
    """Regression: `!!int abc` used to end in a ValueError traceback."""
    _new_file(data, "zz-bad.yaml", "entities:\n  - id: !!int abc\n")
    return "records/zz-bad.yaml", "malformed YAML", None


def negative_margin_caught_by_the_shapes(data):
    """Only SHACL catches this one, while the build is already serialising and filling the store."""
    path = data / "records" / "hmic-2014-kent-crime.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    margin: 1.2\n", "    margin: -1.2\n", 1), encoding="utf-8")
    lines = text[: text.index("    margin: 1.2\n")].splitlines()
    record = max(i for i, line in enumerate(lines, 1) if line.startswith("  - id: "))
    return f"records/hmic-2014-kent-crime.yaml:{record}", "less than minimum", "-1.2"


def source_url_with_a_space(data):
    """Regression: a bad url used to stop the RDF step with a traceback."""
    path = data / "sources" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("url: http://www.hmic.gov.uk/", "url: http://www.hmic.gov.uk/a page", 1)
    path.write_text(broken, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "  url: http://www.hmic.gov.uk/")
    entry = max(i for i, t in enumerate(text.splitlines()[:line], 1) if t.startswith("- id:"))
    return f"sources/sources.yaml:{entry}", "not a web address", "http://www.hmic.gov.uk/a page"


def yaml_alias_bomb(data):
    """Regression: nine nested aliases of nine items (620 bytes) expanded to 9^10 values and OOM-killed validate."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 11)]
    _new_file(data, "zz-bad.yaml", "\n".join(lines) + "\nentities:\n  - id: unit/x\n    aliases: *a10\n")
    return "records/zz-bad.yaml:", "aliases (*name) expand to more than", "Write the values out"


def label_that_is_a_list(data):
    """Regression: `label: [a, b]` was accepted and became the label "['a', 'b']"."""
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY.replace("label: Test unit", "label: [Test, unit]"))
    return "records/zz-bad.yaml:2", "`label` holds a list where one value belongs", "aliases"


def description_that_is_a_mapping(data):
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY + "    description: {a: b}\n")
    return "records/zz-bad.yaml:2", "`description` holds a mapping where one value belongs", None


def alias_that_is_a_list(data):
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY + "    aliases: [[Test], unit]\n")
    return "records/zz-bad.yaml:2", "`aliases` holds a list where one value belongs", None


def integer_of_five_thousand_digits(data):
    """Regression: a 5,000-digit integer was reported without a line."""
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY + "    category: " + "9" * 5000 + "\n")
    return "records/zz-bad.yaml:7", "a number Python cannot read", "Quote it"


def folder_named_like_a_records_file(data):
    """Regression: a folder `x.yaml` under records/ ended in a traceback."""
    (data / "records" / "x.yaml").mkdir()
    return "records/x.yaml", "a folder, not a file", None


def _point_source_file_at(data, name: str) -> str:
    path = data / "sources" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("file: 002_ed8f2c7e97c1e82c.txt", f"file: {name}", 1), encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "- id: kent-police-2023-asb-week")
    return f"sources/sources.yaml:{line}"


def source_file_up_the_tree(data):
    """Regression: `file: ../../../../etc/passwd` was read and could be published as a source page."""
    return _point_source_file_at(data, "../../../../../../../../etc/passwd"), "source file outside data/sources/", None


def source_file_absolute(data):
    return _point_source_file_at(data, "/etc/passwd"), "source file outside data/sources/", "/etc/passwd"


def source_file_behind_a_link(data):
    (data / "sources" / "innocent.txt").symlink_to("/etc/passwd")
    return _point_source_file_at(data, "innocent.txt"), "source file outside data/sources/", "innocent.txt"


def comparison_words_not_in_the_quote(data):
    path = data / "records" / "hmic-2014-kent-crime.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("comparison: {stated: in-line, text: broadly in line with}",
                          "comparison: {stated: in-line, text: roughly the same as}", 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    problem = "comparison's words are not in the statistic's quote"
    return "records/hmic-2014-kent-crime.yaml", problem, "roughly the same as"


def parent_unstated_on_a_non_unit(data):
    _new_file(data, "zz-bad.yaml", "entities:" + GOOD_ENTITY.replace("type: Unit", "type: Organisation")
              .replace("unit/test-unit", "org/test-org") + "    parent_unstated: true\n")
    return "records/zz-bad.yaml:2", "`parent_unstated` is for a Unit only", "Organisation"


def unknown_recommendation_kind(data):
    _new_file(
        data,
        "zz-bad.yaml",
        "source: hmic-2014-kent-crime\nrecommendations:\n  - id: recommendation/zz-test\n"
        "    kind: cause-for-concern\n    addressee: force/kent\n    inspection: inspection/hmic-2014-kent-crime\n"
        "    summary: A test.\n    quote: Kent Police\n",
    )
    return "records/zz-bad.yaml:3", "unknown recommendation kind", "cause-of-concern"  # the hint names the kinds


CASES = [
    unknown_recommendation_kind,
    comparison_words_not_in_the_quote,
    parent_unstated_on_a_non_unit,
    malformed_yaml,
    unknown_reference,
    duplicate_id,
    quote_not_in_source,
    impossible_date,
    unknown_grade,
    missing_source_file,
    unknown_field,
    python_object_tag,
    explicit_tag_on_a_value_it_cannot_take,
    negative_margin_caught_by_the_shapes,
    source_url_with_a_space,
    yaml_alias_bomb,
    label_that_is_a_list,
    description_that_is_a_mapping,
    alias_that_is_a_list,
    integer_of_five_thousand_digits,
    folder_named_like_a_records_file,
    source_file_up_the_tree,
    source_file_absolute,
    source_file_behind_a_link,
]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def previous_exports(tmp_path) -> Path:
    """An exports folder holding earlier outputs, which a failed build must leave alone."""
    out = tmp_path / "exports"
    out.mkdir()
    for name in ("policing.ttl", "policing.trig", "policing.jsonld", "policing.nt"):
        (out / name).write_text(f"earlier {name}\n")
    return out


@pytest.mark.parametrize("break_data", CASES, ids=lambda case: case.__name__)
def test_bad_input_is_reported_with_file_line_and_value_and_nothing_is_written(
    break_data, data_copy, previous_exports, cli
):
    where, message, detail = break_data(data_copy)
    before = _digest(previous_exports)
    result = cli("build", "--data", data_copy, "--out", previous_exports)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert where in result.stderr and message in result.stderr
    if detail:
        assert detail in result.stderr
    assert _digest(previous_exports) == before
    assert not list(previous_exports.glob(".*")), "no temporary files are left behind"
    assert not (previous_exports / "store").exists(), "no query store is written"


def test_a_yaml_tag_never_constructs_python_objects(data_copy, cli):
    python_object_tag(data_copy)
    cli("validate", "--data", data_copy)
    assert not Path("/tmp/policing-kg-pwned").exists()


def test_every_problem_of_a_run_is_reported_together(data_copy, cli):
    unknown_reference(data_copy)
    (data_copy / "records" / "zz-bad.yaml").rename(data_copy / "records" / "zz-one.yaml")
    duplicate_id(data_copy)
    unknown_grade(data_copy)
    result = cli("validate", "--data", data_copy)
    assert result.exit_code == 1
    for expected in ("zz-one.yaml:3", "zz-bad.yaml:8", "unknown grade"):
        assert expected in result.stderr
    assert "3 problems found." in result.stderr


def test_validate_on_good_data_writes_nothing_and_exits_zero(data_dir, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "--data", data_dir)
    assert result.exit_code == 0, result.stderr
    assert "no problems" in result.output
    assert list(tmp_path.iterdir()) == []


def test_praise_recorded_as_a_grade_is_warned_about(data_copy, cli):
    """Regression (issue 14): "The force provides a consistently good service." became a 'good' judgement."""
    _new_file(
        data_copy,
        "zz-praise.yaml",
        "source: hmic-kent-peel-transcript\njudgements:\n  - id: judgement/test-praise\n"
        "    subject: force/kent\n    inspection: inspection/hmic-peel-kent-2015-2019\n"
        "    area: area/hmic-peel-kent-2015-2019-overall\n    grade: four-point/good\n"
        "    quote: The force provides a consistently good service.\n",
    )
    result = cli("validate", "--data", data_copy)
    expected = "records/zz-praise.yaml:3: warning: the quote may be praise, not the grade 'four-point/good'"
    assert result.exit_code == 0 and expected in result.output


def test_judgement_whose_quote_has_no_grade_is_warned_about(data_copy, cli):
    """Regression (issue 14): a judgement must quote its grade; "also impressive" gives none."""
    _new_file(
        data_copy,
        "zz-no-grade.yaml",
        "source: hmic-kent-peel-transcript\njudgements:\n  - id: judgement/test-no-grade\n"
        "    subject: force/kent\n    inspection: inspection/hmic-peel-kent-2015-2019\n"
        "    area: area/hmic-peel-kent-2015-2019-overall\n    grade: four-point/good\n"
        "    quote: The force's approach to communicating with the public is also impressive.\n",
    )
    result = cli("validate", "--data", data_copy)
    expected = "records/zz-no-grade.yaml:3: warning: the quote does not contain the grade 'four-point/good'"
    assert result.exit_code == 0 and expected in result.output
