"""The pages build (entity pages + views gallery) and the views in a real browser: prints figures.

    .venv/bin/python benchmarks/views.py [--data data] [--synth /tmp/synth] [--screenshots docs]

For each corpus (the repository's data, and a synthetic one made by `policing-kg synth`, e.g.
`--forces 43 --rounds 10 --seed 1`, about 118k triples) it measures what `build` does after the
RDF: the conversion to networkx, folding, the gallery and the entity pages, written to a fresh
folder, as wall-clock and CPU seconds; the bytes and files written (site and gallery apart) and
how many copies of vis-network there are. Then it opens the overview and an ego view from
file:// in headless Chromium, reports the time to the first drawing (kgView.readyAt, the page's
own clock) and the number of requests that were not file:, and, with --screenshots, saves the
pictures there (views-overview.png, views-kent.png, views-synth-overview.png).

Targets (issue 16): at 118k triples the views and site together under 60 MB and built in under
15 s on 2 cores; one copy of vis-network; no request leaves file:.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import graph  # noqa: E402
from graph.publish.site.build import Site, write_site  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SIZE_TARGET_MB = 60
TIME_TARGET_S = 15


def cpu_seconds() -> float:
    """CPU time of this process and of its children (the site renders pages in a forked child)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(data: Path, out: Path) -> dict:
    kg = graph.load(data, shapes=False)
    wall, cpu = time.perf_counter(), cpu_seconds()
    network = kg.networkx()
    site = Site(kg, network)
    folded = time.perf_counter()
    site.folded  # noqa: B018
    gallery_started = time.perf_counter()
    site.gallery()
    gallery = time.perf_counter() - gallery_started
    write_site(site, out)
    result = {"triples": len(kg.dataset.triples), "wall": time.perf_counter() - wall,
              "cpu": cpu_seconds() - cpu, "networkx": folded - wall, "gallery": gallery}
    files = [p for p in out.rglob("*") if p.is_file()]
    views = [p for p in files if "views" in p.relative_to(out).parts[:1]]
    result.update(bytes=sum(p.stat().st_size for p in files), files=len(files),
                  view_bytes=sum(p.stat().st_size for p in views), view_files=len(views),
                  vis_copies=sum(1 for p in files if p.name.startswith("vis-network")),
                  actors=len(site.folded.actors), facts=len(site.folded.facts))
    return result


def browse(pages: list[tuple[Path, Path | None]], chromium: str) -> list[tuple[str, float, int]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file:") else None)
        for path, shot in pages:
            outside.clear()
            page.goto(path.as_uri())
            page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000)
            results.append((path.name, page.evaluate("kgView.readyAt") / 1000, len(outside)))
            if shot:
                shot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot))
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="data", type=Path)
    parser.add_argument("--synth", type=Path, help="a folder written by `policing-kg synth`")
    parser.add_argument("--screenshots", type=Path, help="save screenshots in this folder (e.g. docs)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="policing-kg-pages-"))
    corpora = [("data", options.data)] + ([("synth", options.synth)] if options.synth else [])
    print(f"{'corpus':8} {'triples':>8} {'actors':>7} {'facts':>6} {'wall s':>7} {'cpu s':>6} {'gallery s':>9} "
          f"{'MB':>6} {'files':>6} {'views MB':>8} {'views':>6} {'vis copies':>10}")
    shots = []
    for name, data in corpora:
        out = work / name / "site"
        r = measure(data, out)
        print(f"{name:8} {r['triples']:8} {r['actors']:7} {r['facts']:6} {r['wall']:7.1f} {r['cpu']:6.1f} "
              f"{r['gallery']:9.1f} {r['bytes'] / 1e6:6.1f} {r['files']:6} {r['view_bytes'] / 1e6:8.1f} "
              f"{r['view_files']:6} {r['vis_copies']:10}")
        if name == "synth":
            met = r["bytes"] / 1e6 < SIZE_TARGET_MB and r["cpu"] < TIME_TARGET_S
            print(f"  targets at {r['triples']} triples: under {SIZE_TARGET_MB} MB "
                  f"({'met' if r['bytes'] / 1e6 < SIZE_TARGET_MB else 'missed'}), under {TIME_TARGET_S} s of CPU "
                  f"({'met' if r['cpu'] < TIME_TARGET_S else 'missed'}; wall {r['wall']:.1f} s on this machine "
                  f"as loaded), one copy of vis-network ({'met' if r['vis_copies'] == 1 else 'missed'})"
                  + ("" if met else ""))
        folder = out / "views"
        pictures = options.screenshots
        shots.append((folder / "overview.html",
                      pictures / ("views-synth-overview.png" if name == "synth" else "views-overview.png")
                      if pictures else None))
        if (folder / "ego-force-kent.html").is_file():
            shots.append((folder / "ego-force-kent.html",
                          pictures / f"views-{'synth-' if name == 'synth' else ''}kent.png" if pictures else None))
    print(f"\n{'page':32} {'drawn in s':>10} {'requests not file:':>18}")
    for page, seconds, outside in browse(shots, options.chromium):
        print(f"{page:32} {seconds:10.2f} {outside:18}")
    print(f"pages in {work}")


if __name__ == "__main__":
    main()
