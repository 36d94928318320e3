"""The synthetic corpus: it goes through the real pipeline, its quotes are in its texts, it is reproducible."""

from __future__ import annotations

import filecmp

import pytest
import yaml

import graph
from graph.scale.synth import synthesise


def _quotes(node):
    """Every `quote:` value anywhere in a records document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote":
                yield value
            else:
                yield from _quotes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _quotes(item)


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory, data_dir):
    out = tmp_path_factory.mktemp("synth")
    synthesise(out, forces=3, rounds=8, seed=7, facts_per_report=6, reference_dir=data_dir)
    return out


def test_builds_and_validates_through_the_real_pipeline(synth_dir):
    kg = graph.load(synth_dir)  # parse, evidence check, RDF and SHACL: raises DataError on any problem
    assert not kg.warnings
    records = kg.corpus.records
    assert len(records.judgements) == 3 * (7 * 3 + 1 * 5)  # 2014-2020 grade 3 areas (four-point), 2021 grades 5
    assert records.findings and records.recommendations and records.statistics and records.quotations
    assert any(r.items for r in records.recommendations)
    assert {j.grade.split("/")[0] for j in records.judgements} == {"four-point", "five-point"}
    assert all(s.comparator for s in records.statistics if s.area.startswith("force/"))


def test_every_quote_occurs_in_its_source_text(synth_dir):
    sources = {s["id"]: s for s in yaml.safe_load((synth_dir / "sources" / "sources.yaml").read_text())}
    checked = 0
    for path in sorted((synth_dir / "records").glob("synth-*.yaml")):
        document = yaml.safe_load(path.read_text())
        text = (synth_dir / "sources" / sources[document["source"]]["file"]).read_text()
        flat = " ".join(text.split())
        for quote in _quotes(document):
            assert " ".join(quote.split()) in flat, (path.name, quote)
            checked += 1
    assert checked > 100


def test_same_seed_gives_byte_identical_output(tmp_path, synth_dir, data_dir):
    again, other = tmp_path / "again", tmp_path / "other"
    synthesise(again, forces=3, rounds=8, seed=7, facts_per_report=6, reference_dir=data_dir)
    synthesise(other, forces=3, rounds=8, seed=8, facts_per_report=6, reference_dir=data_dir)
    for sub in ("sources", "records"):
        names = sorted(p.name for p in (synth_dir / sub).iterdir())
        assert names == sorted(p.name for p in (again / sub).iterdir())
        match, mismatch, errors = filecmp.cmpfiles(synth_dir / sub, again / sub, names, shallow=False)
        assert not mismatch and not errors
    assert (synth_dir / "sources" / "synth-peel-2016-avon-and-somerset.txt").read_bytes() != (
        other / "sources" / "synth-peel-2016-avon-and-somerset.txt").read_bytes()


def test_size_grows_with_the_settings(tmp_path, data_dir):
    sizes = []
    for facts in (0, 8):
        out = tmp_path / str(facts)
        synthesise(out, forces=4, rounds=2, seed=1, facts_per_report=facts, reference_dir=data_dir)
        sizes.append(len(graph.load(out, shapes=False).triples()))
    assert sizes[1] > sizes[0] + 4 * 2 * 8 * 20


def test_bad_settings_are_refused(tmp_path, data_dir):
    with pytest.raises(ValueError, match="forces"):
        synthesise(tmp_path, forces=99, rounds=1, reference_dir=data_dir)


def test_cli_synth_then_validate(cli, tmp_path, data_dir):
    out = tmp_path / "corpus"
    result = cli("synth", "--forces", "2", "--rounds", "2", "--seed", "3", "-o", out, "--data", data_dir, "--quiet")
    assert result.exit_code == 0, result.output
    assert "sources" in result.output and "records" in result.output
    assert (out / "sources" / "synth-peel-2015-bedfordshire.txt").is_file()
    result = cli("validate", "--data", out)
    assert result.exit_code == 0, result.output
    result = cli("synth", "--forces", "0", "-o", out, "--data", data_dir)
    assert result.exit_code == 2
