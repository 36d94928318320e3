"""`query --endpoint`: the same queries, catalogue included, against a real Oxigraph server after `push`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.sparql.catalogue import load_catalogue


@pytest.fixture
def endpoint(pushed_endpoint):
    """A real `oxigraph serve` filled by `push` (tests/conftest.py); its query URL."""
    return pushed_endpoint


def _query(cli, *args):
    return cli("query", *args)


CATALOGUE = sorted(load_catalogue())


def _rows(output: str, fmt: str) -> list:
    """The answer's rows (or triples) in a fixed order: where a query leaves ties unordered,
    two engines may list them differently."""
    if fmt == "nt":
        return sorted(output.splitlines())
    answer = json.loads(output)
    if "boolean" in answer:
        return [answer["boolean"]]
    return sorted(json.dumps(row, sort_keys=True) for row in answer["results"]["bindings"])


@pytest.mark.parametrize("name", CATALOGUE)
def test_catalogue_query_gives_the_same_answer_remotely(cli, endpoint, data_dir, name):
    fmt = "nt" if "CONSTRUCT" in load_catalogue()[name].text else "json"
    local = _query(cli, "--name", name, "--data", str(data_dir), "--format", fmt)
    remote = _query(cli, "--name", name, "--endpoint", endpoint, "--format", fmt)
    assert remote.exit_code == local.exit_code, remote.stderr
    assert local.exit_code in (0, 1)  # 1: an ASK answered false
    assert _rows(remote.output, fmt) == _rows(local.output, fmt)


@pytest.mark.parametrize(("query", "fmt"), [
    ("SELECT ?l WHERE { force:kent rdfs:label ?l }", "csv"),
    ("ASK { force:kent a pol:PoliceForce }", "table"),
    ("CONSTRUCT { force:kent ?p ?o } WHERE { force:kent ?p ?o }", "nt"),
])
def test_ad_hoc_queries_give_the_same_answer_remotely(cli, endpoint, data_dir, query, fmt):
    local = _query(cli, query, "--data", str(data_dir), "--format", fmt)
    remote = _query(cli, query, "--endpoint", endpoint, "--format", fmt)
    assert (remote.exit_code, remote.output) == (local.exit_code, local.output)
    assert local.output.strip()


def test_updates_are_refused_before_anything_is_sent(cli, endpoint):
    result = _query(cli, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--endpoint", endpoint)
    assert result.exit_code == 2 and "error:" in result.stderr


def test_an_unreachable_endpoint_is_a_clear_error(cli, free_port):
    result = _query(cli, "ASK {}", "--endpoint", f"http://127.0.0.1:{free_port}/query")
    assert result.exit_code == 2
    assert "could not reach the endpoint" in result.stderr and "Traceback" not in result.stderr


def test_an_endpoint_must_be_a_web_address(cli):
    result = _query(cli, "ASK {}", "--endpoint", "file:///etc/passwd")
    assert result.exit_code == 2 and "http(s) URL" in result.stderr


def test_cli_help_mentions_the_endpoint():
    done = subprocess.run([sys.executable, "-m", "graph", "query", "--help"], capture_output=True, text=True,
                          check=True)
    assert "--endpoint" in done.stdout
