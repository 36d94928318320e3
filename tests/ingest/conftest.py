"""Fixtures of the extraction tests on real text: the corpus's passages drafted as the benchmark
drafts them, and the curated labels to read the drafts with."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.data.records import load_records
from graph.ingest.extraction import extract, fold

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


@pytest.fixture(scope="session")
def known_labels(data_dir) -> dict[str, str]:
    """The curated entities' labels, by id."""
    records, _ = load_records(data_dir)
    return {e.id: e.label for e in records.entities}


@pytest.fixture(scope="session")
def draft_passage(data_dir):
    """draft_passage(source, passage, date="", title=""): the draft of one passage of a corpus text,
    with the text's own curated records hidden, as in the benchmark. The passage must be verbatim
    and its text `split: dev` (rules are developed on dev texts only)."""
    def draft(source: str, passage: str, date: str = "", title: str = ""):
        text = (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
        assert passage in text, "the passage must be copied verbatim from the corpus text"
        gold = yaml.safe_load((CORPUS / f"{source}.gold.yaml").read_text(encoding="utf-8"))
        assert gold["source"]["split"] == "dev", "rules are developed on dev texts only"
        return extract(passage, source, data_dir=data_dir, date=date, title=title, exclude_sources=(source,))
    return draft


@pytest.fixture(scope="session")
def graded_areas(known_labels):
    """graded_areas(draft): the (area's folded label, grade) of each judgement the draft proposes,
    the round's suffix " (PEEL ...)" left out."""
    def graded(draft) -> set[tuple[str, str]]:
        labels = {**known_labels, **{e["id"]: e["label"] for e in draft.entities}}
        return {(fold(labels.get(j["area"], j["area"])).split(" (peel")[0], j["grade"]) for j in draft.judgements}
    return graded
