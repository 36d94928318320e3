"""Benchmark the SPARQL endpoint against Oxigraph's own server on the same data (not a test).

    .venv/bin/python benchmarks/serve.py                                  # the seed data (exports/store)
    .venv/bin/python benchmarks/serve.py --data /tmp/1m/data --store /tmp/1m/exports/store
    .venv/bin/python benchmarks/serve.py --clients 1,4 --seconds 5 --json out.json

Starts `policing-kg serve` and `oxigraph serve-read-only` (PyPI `oxigraph`)
over the same built store on 127.0.0.1 (its default graph is the union of the sources, which
both servers query), sends both the same bounded load and prints, for each
query and number of clients, throughput (queries/s), p50 and p95 latency and the ratio
policing-kg / oxigraph. The queries:

- point: one label (`SELECT ?l WHERE { <force/kent> rdfs:label ?l }`);
- catalogue: catalogue queries with their parameters bound by a VALUES block, the same text for
  both servers (what /catalogue/NAME sends to the engine);
- heavy: a GROUP BY over every triple.

The load generator is `wrk` (Debian package `wrk`): C, keep-alive HTTP/1.1, one connection per
client, so the client side costs the same for both servers and is not the bottleneck. Every request
is the same form POST to /sparql asking for SPARQL JSON results. Before timing, one answer of each
server is fetched and the row counts compared, so both do the same work. Non-2xx answers are
counted and printed; a run with errors is flagged. Then: how soon the next query is answered after
one was killed at the time limit (a cross join, answered 503), and the median time of an entity
search lookup (graph.rdf.search) on the store's index.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent

HEAVY = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
CATALOGUE = ("force-units", "force-judgements", "force-partners", "sources")

# wrk prints its own summary; this script adds the figures we need as one JSON line.
WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/sparql-results+json"
local f = io.open(os.getenv("BENCH_BODY"), "rb"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "micros": %d, "p50": %d, "p95": %d, "status": %d, ' ..
    '"connect": %d, "read": %d, "timeout": %d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")


def post(port: int, text: str) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("POST", "/sparql", urlencode({"query": text}),
                       {"Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/sparql-results+json"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"port {port}: {response.status} {body[:300]!r}\nfor {text[:200]}")
    return json.loads(body)


def queries(base: str) -> dict[str, str]:
    """Query texts with the prefixes they use declared, the same for both servers."""
    from graph.sparql.catalogue import load_catalogue
    from graph.sparql.results import parse_term
    from graph.sparql.safety import prologue
    from graph.vocabulary import load_vocabulary

    prefixes = load_vocabulary().prefixes_for(base)
    head = prologue(prefixes)
    found = {"point": head + "SELECT ?l WHERE { force:kent rdfs:label ?l }"}
    catalogue = load_catalogue()
    for name in CATALOGUE:
        entry = catalogue[name]
        text, bindings = entry.text, entry.bindings()
        if bindings:
            names = sorted(bindings)
            values = " ".join(_nt(parse_term(bindings[n], prefixes)) for n in names)
            block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }} "
            at = entry.values_at  # where /catalogue/NAME binds them too
            text = text[:at] + block + text[at:]
        found[f"catalogue:{name}"] = head + text
    found["heavy"] = head + HEAVY
    return found


def _nt(term) -> str:
    if term[0] == "uri":
        return f"<{term[1]}>"
    value = term[1].replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"' + (f"@{term[3]}" if term[3] else "")


def wrk(port: int, text: str, clients: int, seconds: float, workdir: Path) -> dict:
    body = workdir / "body"
    body.write_text(urlencode({"query": text}), encoding="utf-8")
    script = workdir / "post.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    threads = min(clients, os.cpu_count() or 1)
    duration = f"{max(1, round(seconds))}s"
    run = subprocess.run(["wrk", "-t", str(threads), "-c", str(clients), "-d", duration, "--timeout", "60s",
                          "-s", str(script), f"http://127.0.0.1:{port}/sparql"],
                         capture_output=True, text=True, env={**os.environ, "BENCH_BODY": str(body)}, check=True)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    figures["qps"] = figures["requests"] / (figures["micros"] / 1e6)
    figures["errors"] = figures["status"] + figures["connect"] + figures["read"] + figures["timeout"]
    return figures


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def killed_then_next(port: int, point: str, times: int = 2) -> list[float]:
    """Send a query that runs past the time limit (the server answers 503 and kills its worker),
    then the point query at once: how long that next answer takes, in seconds, each time."""
    found = []
    for _ in range(times):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        connection.request("POST", "/sparql", urlencode({"query": CROSS_JOIN}),
                           {"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        if response.status != 503:
            raise SystemExit(f"the cross join was answered {response.status}, not stopped")
        started = time.perf_counter()
        post(port, point)
        found.append(time.perf_counter() - started)
        time.sleep(3)  # the replacement spare starts
    return found


def search_times(store: Path, repeats: int = 20) -> dict[str, float]:
    """Median seconds of graph.rdf.search.search for a few names, on the store's index."""
    from graph.rdf.search import search

    names = ["Kent Police", "kent", "serious crime", "predpol", "pred pol", "zoe billingham", "county lines",
             "stop and search", "xyzzy"]
    found = {}
    for name in names:
        search(store, name)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            search(store, name)
            times.append(time.perf_counter() - started)
        found[name] = sorted(times)[len(times) // 2]
    return found


def start_servers(data: Path, store: Path, base: str | None, workdir: Path, serve_options: list[str]):
    ours_port, theirs_port = free_port(), free_port()
    command = [str(BIN / "policing-kg"), "serve", "--data", str(data), "--port", str(ours_port), *serve_options]
    help_text = subprocess.run([str(BIN / "policing-kg"), "serve", "--help"], capture_output=True, text=True).stdout
    if "--store-dir" in help_text:
        command += ["--store-dir", str(store)]
    if base:
        command += ["--base", base]
    # Oxigraph takes a lock-free read-only view; copy the store so neither server shares files.
    copy = workdir / "oxigraph-store"
    shutil.copytree(store / "oxigraph", copy)
    ours = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(workdir / "serve.log", "w"),
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    theirs = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(copy),
                               "--bind", f"127.0.0.1:{theirs_port}"],
                              stdout=subprocess.DEVNULL, stderr=open(workdir / "oxigraph.log", "w"))
    wait_ready(ours_port, ours)
    wait_ready(theirs_port, theirs)
    return (ours, ours_port), (theirs, theirs_port)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--store", type=Path, default=REPO / "exports" / "store",
                        help="the store `policing-kg build` wrote for --data")
    parser.add_argument("--base", help="the base IRI the store was built with (default: the project's)")
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each timed run")
    parser.add_argument("--only", help="comma-separated query names (point, heavy, catalogue:NAME)")
    parser.add_argument("--serve-option", action="append", default=[], help="extra option for policing-kg serve")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("benchmarks/serve.py needs wrk (apt-get install wrk)")
    from graph.pipeline import default_base

    base = args.base or default_base()
    texts = queries(base)
    if args.only:
        texts = {k: v for k, v in texts.items() if k in args.only.split(",")}
    clients = [int(c) for c in args.clients.split(",")]
    meta = json.loads((args.store / "policing-kg-store.json").read_text())
    print(f"{meta['quads']} quads; {os.cpu_count()} cores; {args.seconds:g} s per run", flush=True)
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        workdir = Path(tmp)
        (ours, ours_port), (theirs, theirs_port) = start_servers(args.data, args.store, args.base, workdir,
                                                                 args.serve_option)
        results, extra = [], {}
        try:
            for name, text in texts.items():
                a, b = post(ours_port, text), post(theirs_port, text)
                rows = len(a["results"]["bindings"]), len(b["results"]["bindings"])
                if rows[0] != rows[1]:
                    raise SystemExit(f"{name}: policing-kg gave {rows[0]} rows, oxigraph {rows[1]}")
                wrk(ours_port, text, max(clients), 1, workdir)  # warm every worker (each parses a text once)
                wrk(theirs_port, text, max(clients), 1, workdir)
                for n in clients:
                    mine = wrk(ours_port, text, n, args.seconds, workdir)
                    peer = wrk(theirs_port, text, n, args.seconds, workdir)
                    row = {"query": name, "rows": rows[0], "clients": n, "policing-kg": mine, "oxigraph": peer,
                           "ratio": mine["qps"] / peer["qps"] if peer["qps"] else 0.0}
                    results.append(row)
                    flag = "  ERRORS" if mine["errors"] or peer["errors"] else ""
                    print(f"{name:34} {n:2} clients  policing-kg {mine['qps']:8.1f} q/s "
                          f"p50 {mine['p50'] / 1000:7.2f} ms p95 {mine['p95'] / 1000:7.2f} ms | oxigraph "
                          f"{peer['qps']:8.1f} q/s p50 {peer['p50'] / 1000:7.2f} ms p95 {peer['p95'] / 1000:7.2f} ms"
                          f" | ratio {row['ratio']:5.2f}{flag}", flush=True)
            extra = {}
            if "point" in texts:
                extra["killed_then_next"] = killed_then_next(ours_port, texts["point"])
                print("after a query killed at the time limit, the next answered in "
                      + ", ".join(f"{t * 1000:.0f} ms" for t in extra["killed_then_next"]), flush=True)
            if (args.store / "search.sqlite").exists():
                extra["search"] = search_times(args.store)
                print("entity search (median per lookup): "
                      + ", ".join(f"{k!r} {v * 1000:.2f} ms" for k, v in extra["search"].items()), flush=True)
        finally:
            for process in (ours, theirs):
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if args.json:
            args.json.write_text(json.dumps({"quads": meta["quads"], "cores": os.cpu_count(),
                                             "seconds": args.seconds, "results": results, **extra},
                                            indent=1) + "\n")


if __name__ == "__main__":
    main()
