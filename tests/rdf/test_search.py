"""Entity search (graph.rdf.search): the FTS5 index built with the store."""

from __future__ import annotations

import pytest

from graph.rdf.search import search, write_index


@pytest.fixture(scope="module")
def index(kg, tmp_path_factory):
    return write_index(kg.store(), kg.base, tmp_path_factory.mktemp("search")).parent


@pytest.mark.parametrize("text, expected", [
    ("Kent Police", "force/kent"), ("kent police", "force/kent"), ("KENT POLICE", "force/kent"),
    ("Zoe Billingham", "person/zoe-billingham"), ("zoë billingham", "person/zoe-billingham"),
    ("predpol", "system/pred-pol"), ("pred pol", "system/pred-pol"), ("PredPol", "system/pred-pol"),
    ("Pred-Pol", "system/pred-pol"), ("zoe bill", "person/zoe-billingham"),
])
def test_names_are_found_whatever_the_case_accents_and_spacing(index, kg, text, expected):
    assert search(index, text)[0].entity == kg.base + expected


def test_an_exact_name_ranks_first_and_kinds_filter(index, kg):
    found = search(index, "Kent Police", kinds=("PoliceForce",))
    assert [m.entity for m in found] == [kg.base + "force/kent"] and "PoliceForce" in found[0].kind


def test_evidence_quotes_and_descriptions_are_searched(index, kg):
    quote = next(iter(kg.store().query(
        "SELECT ?q WHERE { ?a <http://www.w3.org/ns/oa#hasBody> ?b ; "
        "<http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?q }"
        " LIMIT 1", use_default_graph_as_union=True)))["q"].value
    words = " ".join(quote.split()[:6])
    assert search(index, words), words


@pytest.mark.parametrize("text", ["", "   ", "!!!", '"', "a OR b", "NEAR(a b)", "*", "x' --"])
def test_odd_input_gives_a_list_not_an_error(index, text):
    assert isinstance(search(index, text), list)


def test_a_missing_index_says_to_build(tmp_path):
    with pytest.raises(FileNotFoundError, match="policing-kg build"):
        search(tmp_path, "kent")


def test_an_entity_is_found_by_its_own_evidence_quote(index, kg):
    """Regression: the index's SPARQL once bound an annotation's body inside one branch of a
    UNION, where it is unbound, so only claims' subjects got their quotes."""
    row = next(iter(kg.store().query(
        "SELECT ?body ?q WHERE { ?a <http://www.w3.org/ns/oa#hasBody> ?body ; "
        "<http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?q "
        "FILTER(STRSTARTS(STR(?body), STR(force:))) FILTER(STRLEN(?q) > 60) } ORDER BY ?body ?q LIMIT 1",
        prefixes=kg.prefixes(), use_default_graph_as_union=True)))
    words = " ".join(row["q"].value.split()[:8])
    assert row["body"].value in {m.entity for m in search(index, words, limit=50)}, words


@pytest.mark.parametrize("chunk_subjects", [1, 64, 512])
def test_the_index_made_chunk_by_chunk_is_the_index_of_the_store(kg, monkeypatch, chunk_subjects):
    import graph.rdf.partitions as partitions
    from graph.rdf.search import _rows_of_store, chunk_entries, index_rows

    monkeypatch.setattr(partitions, "CHUNK_SUBJECTS", chunk_subjects)
    parts = [chunk_entries(piece, kg.base) for piece, _ in partitions.chunks(kg.dataset.triples, kg.base)]
    assert index_rows(parts, kg.base) == _rows_of_store(kg.store(), kg.base)


@pytest.mark.parametrize(("typed", "first"), [("kent pol", "force/kent"), ("Essex", "force/essex"),
                                               ("kent police", "force/kent")])
def test_a_force_with_many_evidence_quotes_ranks_by_its_name(index, kg, typed, first):
    """Regression: with names and quotes in one FTS5 row, BM25's length normalisation put Kent
    Police, quoted in hundreds of passages, below every unit named after it ("kent pol")."""
    assert search(index, typed)[0].entity == kg.base + first
