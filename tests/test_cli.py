"""The `policing-kg query` command (graph.cli)."""

from __future__ import annotations

import json
import socket

import pytest


def test_query_command(cli, tmp_path):
    result = cli("query", "SELECT ?u WHERE { ?u org:unitOf force:essex, force:kent }")
    assert result.exit_code == 0 and "unit:serious-crime-directorate" in result.stdout
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?u WHERE { ?u org:unitOf force:essex, force:kent }", encoding="utf-8")
    assert "serious-crime-directorate" in cli("query", "-f", rq, "--format", "csv").stdout
    piped = cli("query", "--format", "json", input="SELECT ?u WHERE { ?u org:unitOf force:essex, force:kent }")
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


def test_serve_on_a_busy_port_says_so_in_one_line(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", port)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use; choose another --port or --host"]


@pytest.mark.parametrize(("args", "message"), [
    (["not-a-url"], "error: URL must be an http(s) URL such as http://127.0.0.1:7878/sparql, not 'not-a-url'"),
    (["ftp://example.org/sparql"], "error: URL must be an http(s) URL"),
    (["http://127.0.0.1:9/sparql", "--graph-store", "store"], "error: --graph-store must be an http(s) URL"),
    (["http://127.0.0.1:9/sparql", "--user", "bob"], "error: --user bob needs --password-env VAR"),
    (["http://127.0.0.1:9/sparql", "--user", "bob", "--password-env", "POLICING_KG_NO_SUCH_VARIABLE"],
     "error: environment variable POLICING_KG_NO_SUCH_VARIABLE (--password-env) is not set"),
])
def test_push_with_bad_options_says_so_in_one_line_and_sends_nothing(cli, args, message):
    result = cli("push", *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines


def test_construct_as_jsonld_is_compacted_with_the_projects_context_like_the_export(cli, repo):
    """Regression: `query -t jsonld` gave expanded JSON-LD, unlike exports/policing.jsonld."""
    import rdflib
    from rdflib.compare import isomorphic

    text = "CONSTRUCT { ?unit org:unitOf ?force ; rdfs:label ?l } WHERE { ?unit org:unitOf ?force ; rdfs:label ?l }"
    result = cli("query", "--format", "jsonld", text)
    document = json.loads(result.stdout)
    export = json.loads((repo / "exports" / "policing.jsonld").read_text(encoding="utf-8"))
    assert result.exit_code == 0 and document["@context"] == export["@context"]
    node = next(n for n in document["@graph"] if n["@id"] == "id:unit/serious-crime-directorate")
    assert node["unitOf"] == ["id:force/essex", "id:force/kent"]
    parsed = rdflib.Graph().parse(data=result.stdout, format="json-ld")
    turtle = rdflib.Graph().parse(data=cli("query", "--format", "ttl", text).stdout, format="turtle")
    assert len(parsed) > 0 and isomorphic(parsed, turtle)
