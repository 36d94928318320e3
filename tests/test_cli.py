"""The `policing-kg query` command (graph.cli)."""

from __future__ import annotations

import json


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
