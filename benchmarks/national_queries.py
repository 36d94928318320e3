"""The national catalogue queries on Oxigraph and on rdflib: CPU time per query and the ratio.

    python benchmarks/national_queries.py [--data data] [--runs 7]

Each query (forces-by-grade, force-grade-changes, forces-needing-improvement) runs with its
defaults and with one parameter bound, in process (no confined child, so the figure is the
engine's own work), once to warm up and then `--runs` times; the median CPU time (user+sys of
this process) is printed for each engine, with rdflib's time over Oxigraph's. Both engines must
give the same number of rows, or the script stops.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

QUERIES = {
    "forces-by-grade": {"round": "inspection:peel-2021-22", "area": "area:peel-investigating-crime"},
    "force-grade-changes": {"force": "force:norfolk"},
    "forces-needing-improvement": {"round": "inspection:peel-2021-22"},
}


def cpu() -> float:
    return time.process_time()  # user+sys of this process, finer than os.times()'s clock ticks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="data")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import graph
    from graph.sparql.catalogue import load_catalogue
    from graph.sparql.engines import Engine

    kg = graph.load(args.data, shapes=False)
    catalogue = load_catalogue()
    engines = {"oxigraph": Engine(kg), "rdflib": Engine(kg, "rdflib")}
    print(f"load average {os.getloadavg()[0]:.2f}; median CPU of {args.runs} runs (user+sys)")
    print(f"{'query':28} {'bound':62} {'rows':>5} {'oxigraph ms':>12} {'rdflib ms':>10} {'rdflib/oxigraph':>16}")
    for name, bound in QUERIES.items():
        entry = catalogue[name]
        for given in ({}, bound):
            bindings = entry.bindings(given)
            medians, rows = {}, {}
            for engine_name, engine in engines.items():
                engine.run(entry.text, bindings, values_at=entry.values_at, timeout=None)
                spent = []
                for _ in range(args.runs):
                    started = cpu()
                    result = engine.run(entry.text, bindings, values_at=entry.values_at, timeout=None)
                    spent.append(cpu() - started)
                medians[engine_name], rows[engine_name] = statistics.median(spent), len(result.rows)
            if rows["oxigraph"] != rows["rdflib"]:
                raise SystemExit(f"{name} {given}: Oxigraph gave {rows['oxigraph']} rows, rdflib {rows['rdflib']}")
            shown = ", ".join(f"{k}={v}" for k, v in given.items()) or "(defaults)"
            ratio = medians["rdflib"] / medians["oxigraph"] if medians["oxigraph"] else float("inf")
            print(f"{name:28} {shown:62} {rows['oxigraph']:>5} {medians['oxigraph'] * 1000:>12.1f} "
                  f"{medians['rdflib'] * 1000:>10.1f} {ratio:>16.1f}")


if __name__ == "__main__":
    main()
