"""read_yaml's fast loader gives exactly what the plain libyaml SafeLoader subclass gave.

graph.data.yamlfile takes shortcuts past PyYAML's generic resolver and constructor for speed.
`_ReferenceLoader` below is the loader it replaced, kept as the reference: every value,
type and mapping line must match it.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from graph.data.yamlfile import LineDict, _LineLoader, read_yaml
from graph.problems import DataError
from graph.scale.synth import synthesise

REPO = Path(__file__).resolve().parents[2]


class _ReferenceLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The loader read_yaml used before the shortcuts: PyYAML's own machinery throughout."""


def _reference_mapping(loader, node):
    mapping = LineDict()
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping.line = node.start_mark.line + 1
    return mapping


_ReferenceLoader.add_constructor("tag:yaml.org,2002:map", _reference_mapping)
_ReferenceLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _assert_same(new, old, where="document"):
    """Equal values of the same types, NaN included, and every mapping on the same line."""
    assert type(new) is type(old), f"{where}: {type(new).__name__} != {type(old).__name__}"
    if isinstance(old, dict):
        assert getattr(new, "line", None) == getattr(old, "line", None), f"{where}: line"
        assert list(new) == list(old), f"{where}: keys"
        for key in old:
            _assert_same(new[key], old[key], f"{where}[{key!r}]")
    elif isinstance(old, list | tuple):
        assert len(new) == len(old), f"{where}: length"
        for index, (a, b) in enumerate(zip(new, old, strict=True)):
            _assert_same(a, b, f"{where}[{index}]")
    elif isinstance(old, float) and math.isnan(old):
        assert math.isnan(new), where
    else:
        assert new == old, where


def _same_as_reference(text: str):
    new = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclasses
    _assert_same(new, yaml.load(text, Loader=_ReferenceLoader))  # noqa: S506
    return new


REPO_FILES = sorted((REPO / "data").rglob("*.yaml"))


@pytest.mark.parametrize("path", REPO_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_repository_yaml_reads_as_before(path):
    _same_as_reference(path.read_text(encoding="utf-8"))


def test_repository_has_yaml_to_compare():
    assert any(p.parent.name == "records" for p in REPO_FILES) and any(p.parent.name == "sources" for p in REPO_FILES)


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    synthesise(out, forces=3, rounds=2, seed=1, reference_dir=REPO / "data")
    return out


def test_synthetic_corpus_reads_as_before(synth_dir):
    paths = sorted(synth_dir.rglob("*.yaml"))
    assert len(paths) > 5
    for path in paths:
        _same_as_reference(path.read_text(encoding="utf-8"))


BOOLEAN_SPELLINGS = "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF y n"
EDGE_CASES = {
    "ints": "a: 0\nb: 42\nc: -7\nd: +3\ne: 1_000\nf: 190:20:30\ng: 0b1010\n",
    "hex and octal": "hex: 0x1F\noctal: 017\nnot-octal: '017'\nzero: 0\n",
    "floats": "a: 1.5\nb: -0.25\nc: 6.8523015e+5\nd: 1e3\ne: 685_230.15\nf: 190:20:30.15\ng: .5\n",
    "inf and nan": "a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: .NaN\n",
    # YAML 1.1 spellings; `y` and `n` are not booleans in PyYAML.
    "booleans": "".join(f"k{i}: {word}\n" for i, word in enumerate(BOOLEAN_SPELLINGS.split())),
    "nulls": "a: null\nb: Null\nc: NULL\nd: ~\ne:\nf: ''\n? g\n",
    "quoted numbers stay text": "a: '2014'\nb: \"3.5\"\nc: 'true'\nd: 'null'\ne: '~'\nf: \"0x10\"\n",
    "dates and times stay text": "a: 2014-02-03\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-12-14 21:59:43.10 -5\n"
    "d: 2017-07\ne: 2014\n",
    "block scalars": "literal: |\n  line one\n  line two\n\nfolded: >\n  one\n  two\n\n  three\n"
    "strip: |-\n  x\nkeep: |+\n  y\n\nafter: z\n",
    "anchors and aliases": "base: &b {k: v, n: [1, 2]}\nsame: *b\nlist: &l [a, b]\nagain: *l\nscalar: &s 5\ncopy: *s\n",
    "merge keys": "base: &b\n  a: 1\n  b: 2\nother: &o\n  c: 3\none:\n  <<: *b\n  z: 9\n"
    "many:\n  <<: [*b, *o]\n  z: 9\nnested:\n  inner:\n    <<: *b\n",
    "explicit tags": "a: !!str 2014\nb: !!int '12'\nc: !!float '1'\nd: !!bool yes\ne: !!null ''\n"
    "f: !!str true\ng: !!seq [1]\nh: !!map {x: 1}\ni: ! 3\n",
    "other safe tags": "bin: !!binary aGVsbG8=\nset: !!set {a, b}\nomap: !!omap [x: 1, y: 2]\n"
    "pairs: !!pairs [x: 1, x: 2]\nstamp: !!timestamp 2014-02-03\nmaps: !!omap [m: {k: v}]\n",
    "nested sequences of mappings": "entities:\n- id: a\n  aliases: [x, y]\n  parts:\n  - id: b\n    n: 1\n"
    "  - - deep: true\n    - [1, {k: v}]\n- id: c\n",
    "unicode": 'name: Ærø — «quoted» 日本\nemoji: "\\U0001F600"\nkey é: ü\n',
    "keys that are not text": "3: three\n2.5: two\ntrue: yes\nnull: nothing\n0x10: hex\n",
    "empty document": "",
    "comment only": "# nothing here\n",
    "top-level list": "- a\n- 1\n- {k: v}\n- [x]\n",
    "top-level scalar": "just text\n",
    "flow collections": "a: {x: 1, y: [2, 3], z: {}}\nb: []\n",
    "value key": "a: {=: 1}\n",
    "special plain scalars": "a: -x\nb: .\nc: +\nd: <\ne: 1.2.3\nf: 12abc\ng: =x\nh: <<x\ni: -.inf.\n",
}


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_case_reads_as_before(text):
    _same_as_reference(text)


def test_an_alias_gives_the_anchored_object():
    document = _same_as_reference(EDGE_CASES["anchors and aliases"])
    assert document["same"] is document["base"]
    assert document["again"] is document["list"]


def test_mappings_remember_their_first_line():
    document = _same_as_reference(EDGE_CASES["nested sequences of mappings"])
    assert document.line == 1
    assert [entity.line for entity in document["entities"]] == [2, 9]
    assert document["entities"][0]["parts"][0].line == 5


def _read(tmp_path: Path, text: str):
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "records/file.yaml")


def _problem(tmp_path: Path, text: str):
    """The one problem read_yaml reports for `text`, checked against the reference loader's error."""
    with pytest.raises(DataError) as caught:
        _read(tmp_path, text)
    [problem] = caught.value.problems
    assert problem.file == "records/file.yaml"
    try:
        yaml.load(text, Loader=_ReferenceLoader)  # noqa: S506
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        assert (problem.line, problem.message) == (mark.line + 1, f"malformed YAML: {error.problem or error.context}")
    except TypeError:  # the reference loader crashed on a list as a key; the new one reports it
        assert problem.message == "malformed YAML: unhashable key ['x']"
    else:
        pytest.fail("the reference loader accepted it")
    return problem


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
        ("items:\n- id: x\n  label: one\n  label: two\n", 4, "duplicate key 'label'"),
        ("1: one\n'1': text one\n0x1: hex one\n", 3, "duplicate key 1"),
        ("base: &b {a: 1}\nuse:\n  <<: *b\n  a: 2\n", 4, "duplicate key 'a'"),
        ("set: !!set {a, b}\nomap: !!omap [{m: {k: 1, k: 2}}]\n", 2, "duplicate key 'k'"),
    ],
    ids=["top level", "nested", "int key", "merged key", "inside another tag"],
)
def test_a_duplicate_key_is_a_data_error_at_its_line(tmp_path, text, line, message):
    problem = _problem(tmp_path, text)
    assert (problem.line, problem.message) == (line, f"malformed YAML: {message}")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: !!python/object/apply:os.system ['touch {marker}']\n",
        "a: !!python/name:os.system ''\n",
        "a:\n  b: [!!python/object/new:os.system ['touch {marker}']]\n",
        "a: !custom thing\n",
    ],
    ids=["object", "apply", "name", "nested new", "unknown local tag"],
)
def test_an_unsafe_tag_is_a_data_error_and_never_runs(tmp_path, text):
    marker = tmp_path / "pwned"
    problem = _problem(tmp_path, text.replace("{marker}", str(marker)))
    assert problem.message.startswith("malformed YAML: could not determine a constructor")
    assert problem.line == text.count("\n", 0, text.index("!")) + 1
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("entities:\n  - id: unit/x\n    label: [unclosed\n", 4),
        ("a: 1\n b: 2\n", 2),
        ("a: *nowhere\n", 1),
        ("a: 1\n---\nb: 2\n", 2),
        ("a: &x [1, *x]\n", 1),
        ("a: &x {k: *x}\n", 1),
        ("a: 1\n? [x]\n: 2\n", 2),
        ("a: {<<: 1}\n", 1),
    ],
    ids=[
        "unclosed flow",
        "bad indent",
        "undefined alias",
        "two documents",
        "recursive list",
        "recursive mapping",
        "list as key",
        "merge of a scalar",
    ],
)
def test_malformed_yaml_is_a_data_error_with_its_line(tmp_path, text, line):
    problem = _problem(tmp_path, text)
    assert problem.message.startswith("malformed YAML")
    assert problem.line == line


def test_read_yaml_returns_what_the_loader_builds(tmp_path):
    text = EDGE_CASES["merge keys"]
    _assert_same(_read(tmp_path, text), _same_as_reference(text))


def _laughs(depth: int, open_: str, close: str, item: str) -> str:
    lines = [f"a0: &a0 {open_}" + ", ".join([item.format("x", i) for i in range(9)]) + close]
    for level in range(1, depth + 1):
        items = ", ".join(item.format(f"*a{level - 1}", i) for i in range(9))
        lines.append(f"a{level}: &a{level} {open_}{items}{close}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [_laughs(10, "[", "]", "{0}"), _laughs(10, "{", "}", "k{1}: {0}")],
    ids=["nested lists", "nested mappings"],
)
def test_an_alias_bomb_is_refused_before_anything_expands_it(tmp_path, text):
    """Regression: a few hundred bytes of nested aliases expanded to 9^10 values when printed."""
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_yaml(path, "records/bomb.yaml")
    problem = caught.value.problems[0]
    assert "expand to more than" in problem.message and problem.line > 1


def test_aliases_within_the_budget_still_read(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(_laughs(2, "[", "]", "{0}"), encoding="utf-8")  # 9 * 9 * 9 values: well within it
    assert len(read_yaml(path, "records/ok.yaml")["a2"]) == 9
