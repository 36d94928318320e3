"""Benchmark the SPARQL endpoint against Oxigraph's own server on the same data (not a test).

    .venv/bin/python benchmarks/serve.py                        # the seed data and 1M triples, one command
    .venv/bin/python benchmarks/serve.py --sizes seed           # the seed data only
    .venv/bin/python benchmarks/serve.py --size mine=/path/data:/path/exports/store --clients 1,4

For each size: builds the store (`policing-kg build --no-pages`; 1M triples are first made with
`policing-kg synth --forces 43 --rounds 10 --facts-per-report 61 --seed 1`, both kept under --work
and reused), starts `policing-kg serve` and `oxigraph serve-read-only` (PyPI `oxigraph`) over the same
built store on 127.0.0.1 (its default graph is the union of the sources, which both servers query),
sends both the same bounded load and prints, for each query and number of clients, throughput
(queries/s), p50 and p95 latency and the ratio policing-kg / oxigraph. The queries:

- point: one label (`SELECT ?l WHERE { force:kent rdfs:label ?l }`);
- catalogue: catalogue queries with their parameters bound by a VALUES block, the same text for
  both servers (what /catalogue/NAME sends to the engine);
- heavy: a GROUP BY over every triple.

The load generator is `wrk` (Debian package `wrk`): C, keep-alive HTTP/1.1, one connection per
client, so the client side costs the same for both servers and is not the bottleneck. Every request
is the same form POST to /sparql asking for SPARQL JSON results. Before timing, one answer of each
server is fetched and the row counts compared, so both do the same work. Each timed run is cut
into --rounds parts and the two servers take turns (ours, theirs, ours, theirs, ...), so a ratio
compares the same moments of the machine (on a shared machine absolute figures drift; ratios
hold better); p50 and p95 are the medians over the parts. Non-2xx
answers are counted and printed; a run with errors is flagged. Then: how soon the next query is
answered after one was killed at the time limit (a cross join, answered 503, on a server started
with --timeout 2), and the median time of an entity search lookup (graph.rdf.search) on the store's
index. The load average is printed with each size. At the end, one table of every ratio.
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


def combined(runs: list[dict]) -> dict:
    """Several wrk runs as one: requests over time; the median of their p50 and p95 latencies."""
    total = {key: sum(run[key] for run in runs) for key in ("requests", "micros", "status", "connect", "read",
                                                             "timeout", "errors")}
    total["qps"] = total["requests"] / (total["micros"] / 1e6)
    for key in ("p50", "p95"):
        total[key] = sorted(run[key] for run in runs)[len(runs) // 2]
    return total


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def killed_then_next(port: int, point: str, times: int = 3) -> list[float]:
    """Send a query that runs past the time limit (the server answers 503 and kills its worker),
    then the point query at once on a new connection: how long that next answer takes, in seconds,
    each time."""
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


SEARCHED = ["Kent Police", "kent", "serious crime", "predpol", "pred pol", "zoe billingham", "county lines",
            "stop and search", "xyzzy"]


def search_times(store: Path, repeats: int = 20) -> dict[str, float]:
    """Median seconds of graph.rdf.search.search for each name, on the store's index."""
    from graph.rdf.search import search

    found = {}
    for name in SEARCHED:
        search(store, name)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            search(store, name)
            times.append(time.perf_counter() - started)
        found[name] = sorted(times)[len(times) // 2]
    return found


def start_ours(data: Path, store: Path, base: str | None, workdir: Path, options: list[str], log: str):
    port = free_port()
    command = [str(BIN / "policing-kg"), "serve", "--data", str(data), "--port", str(port), "--store-dir",
               str(store), *options]
    if base:
        command += ["--base", base]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(workdir / log, "w"),
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    wait_ready(port, process)
    return process, port


def start_oxigraph(store: Path, workdir: Path):
    # Oxigraph takes a lock-free read-only view; copy the store so neither server shares files.
    port = free_port()
    copy = workdir / "oxigraph-store"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store / "oxigraph", copy)
    process = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(copy),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=open(workdir / "oxigraph.log", "w"))
    wait_ready(port, process)
    return process, port


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def prepare(name: str, work: Path) -> tuple[Path, Path]:
    """(data folder, store) for a named size, built (and synthesised) under `work` unless there."""
    exports = work / f"{name}-exports"
    if name == "seed":
        data = REPO / "data"
    elif name == "1m":
        data = work / "1m-data"
        if not (data / "sources").is_dir():
            print(f"synthesising 1M triples into {data} ...", flush=True)
            subprocess.run([str(BIN / "policing-kg"), "synth", "--forces", "43", "--rounds", "10",
                            "--facts-per-report", "61", "--seed", "1", "-o", str(data)], check=True,
                           stdout=subprocess.DEVNULL)
    else:
        raise SystemExit(f"unknown size {name!r}: seed, 1m, or --size NAME=DATA:STORE")
    store = exports / "store"
    fresh = subprocess.run([str(BIN / "python"), "-c", "import sys; from pathlib import Path; "
                            "from graph.rdf.store import open_stored; from graph.pipeline import default_base; "
                            "sys.exit(0 if open_stored(Path(sys.argv[1]), default_base(), Path(sys.argv[2])) else 1)",
                            str(data), str(store)], env={**os.environ, "PYTHONPATH": str(REPO)})
    if fresh.returncode != 0:
        print(f"building {name} into {exports} ...", flush=True)
        subprocess.run([str(BIN / "policing-kg"), "build", "--data", str(data), "--out", str(exports), "--no-pages",
                        "-q"], check=True, stdout=subprocess.DEVNULL)
    return data, store


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def measure(name: str, data: Path, store: Path, args, texts: dict[str, str], clients: list[int]) -> dict:
    meta = json.loads((store / "policing-kg-store.json").read_text())
    print(f"\n== {name}: {meta['quads']} quads; {os.cpu_count()} cores; {args.seconds:g} s per run "
          f"({args.heavy_seconds:g} s for heavy); load average {load_average()}", flush=True)
    results, extra = [], {"size": name, "quads": meta["quads"], "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        workdir = Path(tmp)
        ours, ours_port = start_ours(data, store, args.base, workdir,
                                     [*args.serve_option, "--timeout", "300", "--queue-wait", "300"], "serve.log")
        theirs, theirs_port = start_oxigraph(store, workdir)
        try:
            for query, text in texts.items():
                a = post(ours_port, text)
                started = time.perf_counter()
                b = post(theirs_port, text)
                slow = time.perf_counter() - started > 0.2  # Oxigraph's own time: the query's cost
                rows = len(a["results"]["bindings"]), len(b["results"]["bindings"])
                if rows[0] != rows[1]:
                    raise SystemExit(f"{query}: policing-kg gave {rows[0]} rows, oxigraph {rows[1]}")
                # A query of more than 0.2 s: one longer run each (in short turns, the answers still
                # running when a turn ends would be most of the work, thrown away).
                seconds = args.heavy_seconds if query == "heavy" or slow else args.seconds
                rounds = 1 if slow else args.rounds
                for n in clients:
                    wrk(ours_port, text, n, 1, workdir)  # warm up: each worker reads a text once
                    wrk(theirs_port, text, n, 1, workdir)
                    mine, peer = [], []
                    for _ in range(rounds):  # in turn, so both see the same moments of the machine
                        mine.append(wrk(ours_port, text, n, seconds / rounds, workdir))
                        peer.append(wrk(theirs_port, text, n, seconds / rounds, workdir))
                    mine, peer = combined(mine), combined(peer)
                    row = {"query": query, "rows": rows[0], "clients": n, "policing-kg": mine, "oxigraph": peer,
                           "ratio": mine["qps"] / peer["qps"] if peer["qps"] else 0.0}
                    results.append(row)
                    flag = "  ERRORS" if mine["errors"] or peer["errors"] else ""
                    flag += "  (few requests)" if min(mine["requests"], peer["requests"]) < 5 else ""
                    print(f"{query:34} {n:2} clients  policing-kg {mine['qps']:8.1f} q/s "
                          f"p50 {mine['p50'] / 1000:7.2f} ms p95 {mine['p95'] / 1000:7.2f} ms | oxigraph "
                          f"{peer['qps']:8.1f} q/s p50 {peer['p50'] / 1000:7.2f} ms p95 {peer['p95'] / 1000:7.2f} ms"
                          f" | ratio {row['ratio']:5.2f}{flag}", flush=True)
        finally:
            stop(ours)
            stop(theirs)
        if "point" in texts:
            killer, killer_port = start_ours(data, store, args.base, workdir, ["--timeout", "2"], "kill.log")
            try:  # every worker reads the point query once first: the kill, not a first reading, is measured
                wrk(killer_port, texts["point"], max(clients), 1, workdir)
                extra["killed_then_next"] = killed_then_next(killer_port, texts["point"])
            finally:
                stop(killer)
            print("after a query killed at the time limit, the next answered in "
                  + ", ".join(f"{t * 1000:.1f} ms" for t in extra["killed_then_next"]), flush=True)
    if (store / "search.sqlite").exists():
        extra["search"] = search_times(store)
        print("entity search (median per lookup): "
              + ", ".join(f"{k!r} {v * 1000:.2f} ms" for k, v in extra["search"].items()), flush=True)
    extra["load_after"] = os.getloadavg()
    print(f"load average at the end: {load_average()}", flush=True)
    return {**extra, "results": results}


def summary(measured: list[dict], clients: list[int]) -> None:
    """One table of every ratio (policing-kg / oxigraph throughput), sizes side by side."""
    print("\n== ratio policing-kg / oxigraph (throughput; targets: point >= 0.7 at 1 and 4 clients, "
          "heavy >= 0.8)")
    header = "| query | " + " | ".join(f"{m['size']} {n}c" for m in measured for n in clients) + " |"
    print(header)
    print("|---" * (1 + len(measured) * len(clients)) + "|")
    queries = list(dict.fromkeys(r["query"] for m in measured for r in m["results"]))
    for query in queries:
        cells = []
        for m in measured:
            found = {r["clients"]: r["ratio"] for r in m["results"] if r["query"] == query}
            cells += [f"{found[n]:.2f}" if n in found else "-" for n in clients]
        print(f"| {query} | " + " | ".join(cells) + " |")
    for m in measured:
        print(f"{m['size']}: {m['quads']} quads, load average {'/'.join(f'{x:.1f}' for x in m['load_before'])} "
              f"before, {'/'.join(f'{x:.1f}' for x in m['load_after'])} after")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="seed,1m", help="comma-separated: seed, 1m")
    parser.add_argument("--size", action="append", default=[], metavar="NAME=DATA:STORE",
                        help="a size of your own: a data folder and the store `build` wrote for it")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "policing-kg-serve-bench",
                        help="where the 1M corpus and the stores are built and kept")
    parser.add_argument("--base", help="the base IRI the stores were built with (default: the project's)")
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each timed run")
    parser.add_argument("--heavy-seconds", type=float, default=16.0,
                        help="length of each timed run of heavy, and of any query taking more than 0.2 s")
    parser.add_argument("--rounds", type=int, default=4,
                        help="each timed run is cut into this many, the two servers taking turns")
    parser.add_argument("--only", help="comma-separated query names (point, heavy, catalogue:NAME)")
    parser.add_argument("--serve-option", action="append", default=[], help="extra option for policing-kg serve")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("benchmarks/serve.py needs wrk (apt-get install wrk)")
    from graph.pipeline import default_base

    texts = queries(args.base or default_base())
    if args.only:
        texts = {k: v for k, v in texts.items() if k in args.only.split(",")}
    clients = [int(c) for c in args.clients.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [(name, *prepare(name, args.work)) for name in args.sizes.split(",") if name]
    for given in args.size:
        name, _, paths = given.partition("=")
        data, _, store = paths.partition(":")
        sizes.append((name, Path(data), Path(store)))
    measured = [measure(name, data, store, args, texts, clients) for name, data, store in sizes]
    summary(measured, clients)
    if args.json:
        args.json.write_text(json.dumps({"cores": os.cpu_count(), "seconds": args.seconds, "sizes": measured},
                                        indent=1) + "\n")


if __name__ == "__main__":
    main()
