"""How the build grows with the corpus: wall time and peak memory of `policing-kg build
--no-pages` at 100k, 1M and 10M triples, and of a rebuild after editing one record file.

    .venv/bin/python benchmarks/scale.py                       # 100k and 1m
    .venv/bin/python benchmarks/scale.py --sizes 100k,1m,10m   # 10m: ~20 min, synthesised once
    .venv/bin/python benchmarks/scale.py --sizes 10m --work /tmp/policing-kg-bench

Not part of the test suite nor of CI: the 10M corpus is synthesised once into --work (about
1.4 GB of records and texts) and kept there for later runs.

Each build runs as its own process; its peak memory is that process's own ru_maxrss, read
with wait4 (the store's and SHACL's threads included, nothing else on the machine). Its
resident memory is also sampled from /proc every 0.2 s, so the figures show when the peak
happens. The machine is shared, so every figure is the median of --repeats runs and the load
average is printed beside it.

The incremental measurement edits one record file (one finding's summary), rebuilds into the
same output folder, and compares every export byte for byte with a clean build of the edited
data in a fresh folder; then it puts the file back.

The results are printed and written to the "Scale" section of BENCHMARKS.md (between the
`<!-- scale:begin -->` and `<!-- scale:end -->` markers; the rest of the file is left alone).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# name -> (forces, rounds, facts per report) of `policing-kg synth`; 10m is 10 times 1m's rounds
SIZES = {"100k": (43, 10, 1), "1m": (43, 10, 61), "10m": (43, 100, 61)}
# targets of issue 18 (seconds, GiB) for a clean build and for a rebuild after one edit
TARGETS = {"1m": {"clean_s": 26.5, "peak_gib": 1.5, "edit_s": 5.0}, "10m": {"clean_s": 240.0, "peak_gib": 6.0}}
EXPORTS = ("policing.ttl", "policing.trig", "policing.jsonld", "policing.nt")
ENV = {**os.environ, "PYTHONHASHSEED": "0"}
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"


def synthesise(name: str, work: Path) -> Path:
    """The corpus of size `name` under `work`, written once and reused while its settings match."""
    forces, rounds, facts = SIZES[name]
    target = work / f"synth-{name}"
    marker = target / ".settings"
    settings = f"{forces} {rounds} {facts} seed=1"
    if not (marker.is_file() and marker.read_text() == settings):
        started = time.perf_counter()
        _run("synth", "-q", "-o", str(target), "--forces", str(forces), "--rounds", str(rounds),
             "--facts-per-report", str(facts), "--seed", "1")
        marker.write_text(settings)
        print(f"synthesised {name} in {time.perf_counter() - started:.0f} s", flush=True)
    return target


def _cli() -> str:
    return str(Path(sys.executable).parent / "policing-kg")


def _run(*args: str) -> None:
    subprocess.run([_cli(), *args], cwd=REPO, check=True, env=ENV, stdout=subprocess.DEVNULL)


def _rss_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def measured_build(data: Path, out: Path, fresh: bool) -> dict:
    """Wall seconds, peak MiB (wait4) and the sampled memory curve of one build process."""
    if fresh and out.exists():
        shutil.rmtree(out)
    started = time.perf_counter()
    child = subprocess.Popen([_cli(), "build", "--no-pages", "-q", "--data", str(data), "--out", str(out)],
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    curve: list[tuple[float, float]] = []
    finished = threading.Event()

    def sample() -> None:  # never child.poll(): that would reap the child before wait4 reads its rusage
        while not finished.is_set():
            rss = _rss_mib(child.pid)
            if rss is not None:
                curve.append((round(time.perf_counter() - started, 1), round(rss)))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
    wall = time.perf_counter() - started
    finished.set()
    child.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"build of {data} failed:\n{child.stderr.read().decode()[-3000:]}")
    return {"wall_s": wall, "peak_mib": usage.ru_maxrss / 1024, "curve": curve, "load": os.getloadavg()[0]}


def triples_of(out: Path) -> int:
    with open(out / "policing.nt", "rb") as nt:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: nt.read(1 << 24), b""))


def edit_one_record_file(data: Path) -> tuple[Path, bytes]:
    """Change one record's summary (or label) in one force report's records file; returns (file,
    original bytes)."""
    reports = sorted((data / "records").glob("synth-peel-*.yaml"))
    path = reports[len(reports) // 2]
    original = path.read_bytes()
    text = original.decode("utf-8")
    edited, count = re.subn(r"(?m)^(  (?:summary|label): .*?)\.?$", r"\1, as revised.", text, count=1)
    if count != 1:
        raise SystemExit(f"no summary to edit in {path}")
    path.write_text(edited, encoding="utf-8")
    return path, original


def same_exports(one: Path, other: Path) -> bool:
    return all((one / name).read_bytes() == (other / name).read_bytes() for name in EXPORTS)


def measure(name: str, work: Path, repeats: int, incremental: bool) -> dict:
    data = synthesise(name, work)
    out = work / f"out-{name}"
    clean = [measured_build(data, out, fresh=True) for _ in range(repeats)]
    result = {"triples": triples_of(out), "clean": clean}
    print(f"{name}: {result['triples']:,} triples; clean build " + ", ".join(
        f"{run['wall_s']:.1f} s / {run['peak_mib'] / 1024:.2f} GiB (load {run['load']:.1f})" for run in clean),
        flush=True)
    result["unchanged"] = [measured_build(data, out, fresh=False) for _ in range(repeats)]
    if incremental:
        edits = []
        for _ in range(repeats):
            path, original = edit_one_record_file(data)
            try:
                edited = measured_build(data, out, fresh=False)
                reference = work / f"out-{name}-clean"
                measured_build(data, reference, fresh=True)
                edited["identical"] = same_exports(out, reference)
                shutil.rmtree(reference)
            finally:
                path.write_bytes(original)
            edits.append(edited)
            measured_build(data, out, fresh=False)  # back to the unedited data
        result["edit"] = edits
        print(f"{name}: after one edit " + ", ".join(
            f"{run['wall_s']:.1f} s / {run['peak_mib'] / 1024:.2f} GiB, identical={run['identical']}"
            for run in edits), flush=True)
    return result


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "met" if value <= target else f"missed ({value / target:.1f}x)"


def section(results: dict, info: dict) -> str:
    lines = [BEGIN, "## Scale: memory and incremental builds (issue 18)", "",
             f"`benchmarks/scale.py`, {info['when']}, {info['machine']}; load average "
             f"{info['load'][0]:.1f} / {info['load'][1]:.1f} / {info['load'][2]:.1f} at the start (a shared machine: "
             f"each figure is the median of {info['repeats']} runs, whole-process figures of "
             "`policing-kg build --no-pages`, peak memory from wait4 on the build process).", "",
             "| size | triples | clean build | peak memory | target | unchanged rebuild | one record file edited "
             "| identical to a clean build |",
             "|---|---:|---:|---:|---|---:|---:|---|"]
    for name, r in results.items():
        target = TARGETS.get(name, {})
        wall, peak = _median(r["clean"], "wall_s"), _median(r["clean"], "peak_mib") / 1024
        marks = [m for m in (verdict(wall, target.get("clean_s")) and f"time {verdict(wall, target['clean_s'])}",
                             verdict(peak, target.get("peak_gib")) and f"memory {verdict(peak, target['peak_gib'])}")
                 if m]
        edit = r.get("edit")
        edit_text = f"{_median(edit, 'wall_s'):.1f} s" if edit else "-"
        if edit and target.get("edit_s"):
            marks.append(f"edit {verdict(_median(edit, 'wall_s'), target['edit_s'])}")
        same = ("yes" if all(run["identical"] for run in edit) else "NO") if edit else "-"
        lines.append(f"| {name} | {r['triples']:,} | {wall:.1f} s | {peak:.2f} GiB | {'; '.join(marks) or '-'} | "
                     f"{_median(r['unchanged'], 'wall_s'):.1f} s | {edit_text} | {same} |")
    lines += ["", "How memory grows with size (peak of the clean build per million triples):", ""]
    for name, r in results.items():
        peak = _median(r["clean"], "peak_mib")
        lines.append(f"- {name}: {peak:,.0f} MiB, {peak / (r['triples'] / 1e6):,.0f} MiB per million triples")
    lines += ["", "Resident memory of the first clean build over time (s: MiB, every ~10%):", ""]
    for name, r in results.items():
        curve = r["clean"][0]["curve"]
        step = max(1, len(curve) // 10)
        lines.append(f"- {name}: " + ", ".join(f"{t:.0f}: {m:,.0f}" for t, m in curve[::step]))
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path) -> None:
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN in existing and END in existing:
        head, rest = existing.split(BEGIN, 1)
        updated = head + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        updated = existing.rstrip("\n") + "\n\n" + text
    path.write_text(updated, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,1m", help="Comma-separated subset of " + ", ".join(SIZES))
    parser.add_argument("--work", type=Path, default=Path("/tmp/policing-kg-bench"),
                        help="Where the corpora are synthesised (and kept) and built")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-incremental", action="store_true", help="Only the clean builds")
    parser.add_argument("--json", type=Path, help="Also write the raw figures here")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    ram_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    info = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load": os.getloadavg(),
            "repeats": args.repeats, "machine": f"{os.cpu_count()} cores, {ram_gib:.0f} GiB"}
    results = {}
    for name in args.sizes.split(","):
        if name not in SIZES:
            raise SystemExit(f"unknown size {name!r}; choose from {', '.join(SIZES)}")
        # the 10M edit is measured too, but only once: each repeat costs two clean builds
        repeats = 1 if name == "10m" else args.repeats
        results[name] = measure(name, args.work, repeats, incremental=not args.no_incremental)
    if args.json:
        args.json.write_text(json.dumps({"info": info, "results": results}, indent=1), encoding="utf-8")
    text = section(results, info)
    print(text)
    if not args.no_write:
        write_section(text, REPO / "BENCHMARKS.md")


if __name__ == "__main__":
    main()
