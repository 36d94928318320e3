"""Precision and recall of `policing-kg extract` on the seed texts, against their curated records.

    .venv/bin/python benchmarks/extract.py [--data data]

Each source text is extracted with the records drawn from it hidden from the extractor (so
it cannot simply find the curated labels again), then compared with those records:

- entities: a proposed mention is right when the curated file defines or mentions that id; a
  proposed new entity is right when its label is a curated entity's label or alias;
- judgements: the same grade for an area of the same label;
- recommendations: a top-level proposal whose quote overlaps a curated recommendation's quote;
- statistics: the same value (and sign) with quotes overlapping or within 100 characters.
Not part of the tests: it measures, it does not assert.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.data.evidence import find_quote  # noqa: E402
from graph.data.records import load_records  # noqa: E402
from graph.data.sources import load_sources  # noqa: E402
from graph.ingest.extraction import extract, fold  # noqa: E402


def _span(quote: str, text: str):
    match = find_quote(quote, text)
    return (match.start, match.end) if match else None


def _near(a, b, slack: int = 0) -> bool:
    return bool(a and b) and a[0] - slack < b[1] and b[0] - slack < a[1]


def _key(label: str) -> str:
    return " ".join(w.rstrip("s") for w in fold(label).replace("’", "'").split())


def score(matched_predictions: int, predictions: int, matched_gold: int, gold: int) -> tuple[float, float]:
    return (matched_predictions / predictions if predictions else 1.0, matched_gold / gold if gold else 1.0)


def evaluate(source, records, data_dir: Path) -> dict[str, tuple[int, int, int, int]]:
    text, sid = source.text, source.id
    draft = extract(text, sid, data_dir=data_dir, title=source.title, date=str(source.date), exclude_sources=(sid,))
    result = {}

    # entities
    gold = [e for e in records.entities if e.evidence.source == sid]
    gold_ids = {e.id for e in gold} | {m.entity for m in records.mentions if m.evidence.source == sid}
    names = {}
    for e in gold:
        for name in (e.label, *e.aliases):
            names[_key(name)] = e.id
    found = set()
    right = 0
    for m in draft.mentions:
        if m["entity"] in gold_ids:
            right += 1
            found.add(m["entity"])
    for e in draft.entities:
        hit = next((names[_key(n)] for n in (e["label"], *e.get("aliases", [])) if _key(n) in names), None)
        if hit:
            right += 1
            found.add(hit)
    mentioned = {m["entity"] for m in draft.mentions}
    result["entities"] = (right, len(draft.mentions) + len(draft.entities), len(found & gold_ids | found),
                          len(gold_ids))
    del mentioned

    # judgements
    labels = {e.id: e.label for e in records.entities}
    labels.update({e["id"]: e["label"] for e in draft.entities})
    gold_j = {(_key(labels.get(j.area, j.area)), j.grade.split("/")[1]) for j in records.judgements
              if j.evidence.source == sid}
    pred_j = {(_key(labels.get(j["area"], j["area"])), j["grade"].split("/")[1]) for j in draft.judgements}
    result["judgements"] = (len(pred_j & gold_j), len(pred_j), len(pred_j & gold_j), len(gold_j))

    # recommendations
    gold_r = [_span(r.evidence.quote, text) for r in records.recommendations if r.evidence.source == sid]
    pred_r = [tuple(r["offsets"]) for r in draft.recommendations]
    result["recommendations"] = (sum(any(_near(p, g) for g in gold_r) for p in pred_r), len(pred_r),
                                 sum(any(_near(p, g) for p in pred_r) for g in gold_r), len(gold_r))

    # statistics
    gold_s = [(float(s.value), _span(s.evidence.quote, text)) for s in records.statistics if s.evidence.source == sid]
    pred_s = [(float(s["value"]), tuple(s["offsets"])) for s in draft.statistics]

    def same(p, g):
        return p[0] == g[0] and _near(p[1], g[1], 100)

    result["statistics"] = (sum(any(same(p, g) for g in gold_s) for p in pred_s), len(pred_s),
                            sum(any(same(p, g) for p in pred_s) for g in gold_s), len(gold_s))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", type=Path)
    args = parser.parse_args()
    sources, _ = load_sources(args.data)
    records, _ = load_records(args.data)
    cited = {r.evidence.source for r in records.evidenced()}
    totals: dict[str, list[int]] = {}
    print(f"{'source':28} {'kind':16} {'precision':>9} {'recall':>7}   (right/proposed, found/curated)")
    for sid, source in sources.items():
        if sid.startswith("reference-") or sid not in cited or source.text is None:
            continue
        for kind, counts in evaluate(source, records, args.data).items():
            total = totals.setdefault(kind, [0, 0, 0, 0])
            for i, n in enumerate(counts):
                total[i] += n
            p, r = score(*counts)
            print(f"{sid:28} {kind:16} {p:9.2f} {r:7.2f}   ({counts[0]}/{counts[1]}, {counts[2]}/{counts[3]})")
    print()
    for kind, counts in totals.items():
        p, r = score(*counts)
        print(f"{'ALL':28} {kind:16} {p:9.2f} {r:7.2f}   ({counts[0]}/{counts[1]}, {counts[2]}/{counts[3]})")


if __name__ == "__main__":
    main()
