"""The `policing-kg query` command (graph.cli)."""

from __future__ import annotations

import json

import pytest


def test_query_command(cli, tmp_path):
    result = cli("query", "SELECT ?u WHERE { ?u org:unitOf force:essex }")
    assert result.exit_code == 0 and "unit:serious-crime-directorate" in result.stdout
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?u WHERE { ?u org:unitOf force:essex }", encoding="utf-8")
    assert "serious-crime-directorate" in cli("query", "-f", rq, "--format", "csv").stdout
    piped = cli("query", "--format", "json", input="SELECT ?u WHERE { ?u org:unitOf force:essex }")
    assert json.loads(piped.stdout)["head"]["vars"] == ["u"]
    assert cli("query", "ASK { force:kent a pol:PoliceForce }").exit_code == 0
    false = cli("query", "--name", "ever-graded-inadequate")
    assert (false.exit_code, false.stdout.strip()) == (1, "false")
    turtle = cli("query", "--name", "force-network", "--bind", "force=force:essex", "--format", "ttl")
    assert turtle.exit_code == 0 and "serious-crime-directorate" in turtle.stdout
    bad = cli("query", "SELECT * WHERE { ?s ?p ?o . FILTER( }")
    assert bad.exit_code == 2 and "line 1, column" in bad.stderr and "Traceback" not in bad.stderr
    unknown = cli("query", "--name", "force-judgement")
    assert unknown.exit_code == 2 and "did you mean force-judgements" in unknown.stderr
    prefix = cli("query", "SELECT * WHERE { ?s nope:x ?o }")
    assert prefix.exit_code == 2 and "unknown prefix 'nope:'" in prefix.stderr


def test_exit_codes_tell_true_false_and_broken_apart(cli, data_copy):
    """0 true/ok, 1 ASK false, 2 error; regression: a broken --data exited 1, like ASK false."""
    assert cli("query", "ASK { force:kent a pol:PoliceForce }").exit_code == 0
    assert cli("query", "ASK { force:kent a pol:Person }").exit_code == 1
    (data_copy / "records" / "zz-broken.yaml").write_text("records: [\n", encoding="utf-8")
    broken = cli("query", "--data", data_copy, "--store-dir", data_copy / "no-store", "ASK { ?s ?p ?o }")
    assert broken.exit_code == 2 and "zz-broken.yaml" in broken.stderr and "Traceback" not in broken.output


@pytest.mark.parametrize(("bind", "message"), [
    ("force=forc:kent", "unknown prefix 'forc:' in the value 'forc:kent'; did you mean force:"),
    ("force=kent", "takes an IRI, such as force:kent; 'kent' is plain text. Give a prefixed name (e.g. force:kent)"),
])
def test_a_binding_that_cannot_be_what_was_meant_is_an_error(cli, bind, message):
    result = cli("query", "--name", "force-units", "--bind", bind)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_a_binding_to_an_iri_the_graph_never_mentions_warns_with_did_you_mean(cli):
    result = cli("query", "--name", "force-units", "--bind", "force=force:kentt")
    assert result.exit_code == 0 and "(0 rows)" in result.stdout
    assert ("warning: ?force is bound to force:kentt, which the graph does not mention; did you mean force:kent"
            in result.stderr)
    assert "warning" not in cli("query", "--name", "force-units", "--bind", "force=force:kent").stderr
