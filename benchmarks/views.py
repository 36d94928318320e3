"""How fast the views draw in a real browser: prints figures, asserts nothing (not part of the tests).

    .venv/bin/python benchmarks/views.py [--sizes 1000,5000] [--repeats 3] [--chromium /usr/bin/chromium]

For the overview and every gallery view of the repository's data, and for synthetic graphs of the
given sizes, it writes the page, opens it from file:// in headless Chromium and reports the time
from navigation to the first drawing of the final layout (kgView.readyAt, in the page's own
clock), the median over the repeats. Also reports how long Python took to write each page.
Targets (issue 5): overview and gallery views under 3 s; a 5,000-node view under 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import graph  # noqa: E402
from graph.publish import views  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def synthetic(n: int, seed: int = 1) -> views.View:
    """A scale-free graph of n nodes with the attributes of graph.publish.network.to_networkx."""
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    classes = list(views.STYLES)
    for node in base:
        cls = classes[node % len(classes)]
        g.add_node(f"https://example.org/id/thing/{node}", label=f"Thing number {node}",
                   **{"class": f"https://w3id.org/policing-kg/ontology#{cls}"}, class_label=cls, aliases="",
                   sources="", evidence=f"“quote {node}” — source, 2024")
    for u, v in base.edges():
        g.add_edge(f"https://example.org/id/thing/{u}", f"https://example.org/id/thing/{v}", key="p", predicate="p",
                   label="relates to", sources="", evidence="“quote” — source, 2024")
    return views.View(f"Synthetic {n}", g, name=f"synthetic-{n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--data", default="data")
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    kg = graph.load(options.data, shapes=False)
    network = kg.networkx()
    chosen = views.gallery_views(kg, network) + [synthetic(int(s)) for s in options.sizes.split(",") if s]
    out = Path(tempfile.mkdtemp(prefix="policing-kg-views-"))
    written = []
    for view in chosen:
        started = time.perf_counter()
        path = views.write_view(view, out / f"{view.name}.html", kg.vocabulary)
        written.append((view, path, time.perf_counter() - started))
    print(f"{'view':42} {'nodes':>6} {'edges':>6} {'layout':>8} {'write s':>8} {'draw s':>7} {'MB':>5}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        for view, path, seconds in written:
            draws = []
            for _ in range(options.repeats):
                page.goto(path.as_uri())
                page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000)
                draws.append(page.evaluate("kgView.readyAt") / 1000)
            n = view.network.number_of_nodes()
            layout = "physics" if n <= views.LAYOUT_THRESHOLD else "fixed"
            print(f"{view.name[:42]:42} {n:6} {view.network.number_of_edges():6} {layout:>8} {seconds:8.2f} "
                  f"{statistics.median(draws):7.2f} {path.stat().st_size / 1e6:5.1f}")
        browser.close()
    print(f"requests outside file:/data: {len(outside)}; pages in {out}")


if __name__ == "__main__":
    main()
