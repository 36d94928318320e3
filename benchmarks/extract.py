"""Precision and recall of `policing-kg extract`: on the real corpus, on the seed texts, and its run time.

    .venv/bin/python benchmarks/extract.py [--data data] [--texts] [--sizes 40,160,1000] [--no-seed]
        [--explain KIND] [--by-genre judgements,recommendations] [--round1 dev|holdout|added|holdout2|holdout3|...]
    .venv/bin/python benchmarks/extract.py --explain entities --sizes '' --no-seed   # what went wrong, per dev text

**The real corpus** (`benchmarks/corpus/<id>.txt` with its hand-made `<id>.gold.yaml`, see
benchmarks/check_corpus.py) is extracted text by text with `--data data`, the records curated
from that very text hidden from the extractor (`exclude_sources`), so it cannot find its own
curated labels again; the rest of the graph (reference forces, the PEEL rounds' areas, other
reports' entities) is known, as it is to a researcher adding a report. Precision and recall are
printed per kind, per genre (all kinds pooled) and per split: `dev` is what the extractor was
developed on, `holdout` is only ever reported; the dev texts are also printed by their place in round 1
(developed on, round 1's holdout, or added in round 2, as their gold files say). A proposal is right, and
a gold item found, when (each gold item is matched at most once, each proposal at most once):

- forces: the draft mentions that reference force (each force counted once per text);
- entities: a proposed new entity, or a known entity the draft mentions (one proposal however
  often mentioned; not a force, person, post, assessed area, place or the draft's placeholder
  inspection), whose label, one of its aliases or a spelling the draft quotes equals the gold label
  once folded (case, accents, quote marks, "&"/"and", plurals, punctuation), or whose quote (one of
  its mentions' quotes) overlaps the gold quote and one folded label contains the other;
- people: a proposed Person whose folded name equals the gold name (titles such as "Lord" or "Mr"
  aside) and, when the gold gives a post, whose proposed post (the `holds` relation) contains the
  gold post or is contained in it, once "Her/His Majesty's" is folded to "HM";
- acronyms: the same short form and the same folded long form;
- judgements: the same force, the same grade on the same scale (four-point or five-point) and an
  area whose label or alias equals the gold area once folded, or starts with it, or is its start
  ("Managing offenders" for "Managing offenders and suspects"; areas already in the graph bring
  their aliases, without the round's "(PEEL 2018/19)"), or, failing that, that is the graph's area
  of a reviewed judgement of the same grade curated from this text (data/records) whose quote
  overlaps the gold quote ("Treating the public fairly" is
  `area/peel-2018-19-fair-treatment-of-the-public`), or that is named in like words and stated at
  the same place (quotes overlapping; `like_words`: the shorter name's words among the longer's,
  "Police powers and public treatment" for "Police Powers and treating the public fairly and
  respectfully"; added in round 3 after round 3's holdout had been scored without it: judgements
  there 0.89 / 0.69 without, 0.95 / 0.73 with);
- recommendations (recommendations, areas for improvement, causes of concern): quotes
  overlapping, the same kind, and the same deadline (both none, or the same ISO duration or
  month once read by the extractor's own deadline pattern);
- statistics: the same value and quotes overlapping (or within 40 characters), and the same
  margin when the gold states one.

**The seed texts** (the `data/sources` texts that are not in the corpus) are compared with their
curated records as before: entities by label or id, judgements by grade and area label,
recommendations by overlapping quote, statistics by value and nearby quote.

**Run time**: the dev texts are concatenated up to 40 KB, 160 KB and 1 MB (`--sizes`, in KB)
and extracted with the graph known; the ratio of seconds per KB shows whether extraction is
linear in the text's length. Wall and CPU time (user+sys of this process) of `extract` alone,
the graph loaded each time as `policing-kg extract` does; the load at the time is printed.
Not part of the tests: it measures, it does not assert.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.data.evidence import find_quote  # noqa: E402
from graph.data.records import load_records  # noqa: E402
from graph.data.sources import load_sources  # noqa: E402
from graph.ingest.extraction import extract, fold  # noqa: E402
from graph.ingest.extraction_patterns import DEADLINE  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
KINDS = ("forces", "entities", "people", "acronyms", "judgements", "recommendations", "statistics")
# Kinds the entities gold never lists: forces, people and posts have kinds of their own, assessed areas
# are the judgements', and places are the areas of statistics (no gold file lists a Place, though
# eleven quote "England and Wales").
NOT_ENTITIES = {"PoliceForce", "Person", "Post", "AssessedArea", "Place"}
TITLES = {"lord", "lady", "sir", "dame", "mr", "mrs", "ms", "dr", "baroness", "chief", "constable", "rt", "hon"}


def key(label: str) -> str:
    """A label folded for comparison: case, accents, quotes, '&', punctuation and plurals ('s', 'ies')."""
    text = fold(label).replace("&", " and ")
    text = re.sub(r"\b(?:her|his)\s+majesty'?s?\b", "hm", text)
    return " ".join(re.sub(r"ies$", "y", w).rstrip("s") for w in re.findall(r"[a-z0-9]+", text))


def span(quote: str, text: str):
    match = find_quote(quote, text) if quote else None
    return (match.start, match.end) if match else None


def near(a, b, slack: int = 0) -> bool:
    return bool(a and b) and a[0] - slack < b[1] and b[0] - slack < a[1]


def deadline_key(deadline) -> str:
    """'P6M', '2017-03', 'P0D' or '' for a deadline written in words or as the draft's mapping."""
    if isinstance(deadline, dict):
        return deadline.get("relative") or deadline.get("absolute") or deadline.get("text", "")
    if not deadline:
        return ""
    from graph.ingest.recommendations import deadline_of

    match = DEADLINE.search(str(deadline))
    return (deadline_of(match).get("relative") or deadline_of(match).get("absolute")) if match else key(deadline)


def same_area(gold: str, names: set[str]) -> bool:
    """The same area: equal folded labels, or one the other's first words ("Managing offenders" for
    "Managing offenders and suspects"); a round's qualifier ("(PEEL 2018/19)") is not part of it."""
    for name in names:
        name = re.sub(r" peel( \d+)*$", "", name)
        if name == gold or (name + " ").startswith(gold + " ") or (gold + " ").startswith(name + " "):
            return True
    return False


AREA_FILLER = {"and", "the", "of", "in", "to", "its", "a", "an", "for", "with", "how", "is", "at", "it", "by",
               "peel", "force", "forces", "effective", "well"}


def like_words(gold: str, name: str) -> bool:
    """Two names of an area in like words: the shorter's words (their first five letters, so
    'treating' is 'treatment') all among the longer's, fillers and a round's qualifier aside."""
    def stems(label: str) -> set[str]:
        words = re.findall(r"[a-z]+", key(re.sub(r" peel( \d+)*$", "", label)))
        return {w[:5] for w in words if w not in AREA_FILLER and not w.isdigit()}
    a, b = stems(gold), stems(name)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return bool(shorter) and shorter <= longer


class Counts(tuple):
    """(right proposals, proposals, gold found, gold), with the wrong proposals and the missed gold
    items kept for --explain."""

    wrong: list
    missed: list


def matches(predicted: list, gold: list, same, loose=None) -> Counts:
    """(right proposals, proposals, gold found, gold): one-to-one, greedy in order; with `loose`, the
    pairs `same` makes first, then those `loose` makes of the rest (so a loose match does not take
    a gold item another proposal matches exactly)."""
    used: set[int] = set()
    proposed = len(predicted)
    for test in (same, loose) if loose else (same,):
        left = []
        for p in predicted:
            for i, g in enumerate(gold):
                if i not in used and test(p, g):
                    used.add(i)
                    break
            else:
                left.append(p)
        predicted = left
    wrong = predicted
    counts = Counts((len(used), proposed, len(used), len(gold)))
    counts.wrong, counts.missed = wrong, [g for i, g in enumerate(gold) if i not in used]
    return counts


class Known:
    """Labels and aliases of the graph's entities, and of a draft's new ones."""

    def __init__(self, records):
        self.entities = {e.id: e for e in records.entities}
        # the reviewed judgements curated from each text: (area, grade, quote), to name a gold area by id
        self.curated = defaultdict(list)
        for j in records.judgements:
            self.curated[j.evidence.source].append((j.area, j.grade.split("/")[1], j.evidence.quote))

    def names(self, entity_id: str, draft_entities: dict) -> set[str]:
        if entity_id in draft_entities:
            e = draft_entities[entity_id]
            return {key(n) for n in (e["label"], *e.get("aliases", []))}
        e = self.entities.get(entity_id)
        return {key(n) for n in (e.label, *e.aliases)} if e else {key(entity_id.split("/", 1)[-1])}

    def type_of(self, entity_id: str, draft_entities: dict) -> str:
        if entity_id in draft_entities:
            return draft_entities[entity_id]["type"]
        e = self.entities.get(entity_id)
        return e.type if e else ""


def score_text(text: str, gold: dict, draft, known: Known) -> dict[str, tuple[int, int, int, int]]:
    new = {e["id"]: e for e in draft.entities}
    out = {}

    forces = sorted({m["entity"] for m in draft.mentions if known.type_of(m["entity"], new) == "PoliceForce"})
    gold_forces = sorted({f["id"] for f in gold.get("forces") or []})
    out["forces"] = matches(forces, gold_forces, lambda p, g: p == g)

    inspections = {r["inspection"] for r in (*draft.judgements, *draft.recommendations) if r.get("inspection")}
    predicted = []
    for e in draft.entities:
        if e["type"] not in NOT_ENTITIES and e["id"] not in inspections:
            predicted.append((known.names(e["id"], new), [span(e["quote"], text)]))
    # A known entity is one proposal however often it is mentioned: its names are its label, aliases
    # and the spellings the draft quotes, its places every mention's quote.
    mentioned: dict[str, tuple[set, list]] = {}
    for m in draft.mentions:
        if known.type_of(m["entity"], new) not in NOT_ENTITIES:
            names, where = mentioned.setdefault(m["entity"], (known.names(m["entity"], new), []))
            names.add(key(m["quote"]))
            where.append(span(m["quote"], text))
    predicted += mentioned.values()

    def same_label(p, g):
        return key(g["label"]) in p[0]

    def overlapping(p, g):
        names, places = p
        label, here = key(g["label"]), span(g["quote"], text)
        return any(near(w, here) for w in places) and any(n and (n in label or label in n) for n in names)

    out["entities"] = matches(predicted, gold.get("entities") or [], same_label, overlapping)

    posts = defaultdict(list)
    for r in getattr(draft, "relations", []):
        if r["predicate"] == "holds":
            posts[r["subject"]].append(" ".join(known.names(r["object"], new)))
    people = [(e["label"], posts[e["id"]]) for e in draft.entities if e["type"] == "Person"]
    mentioned = {m["entity"] for m in draft.mentions if known.type_of(m["entity"], new) == "Person"}
    people += [(known.entities[p].label, posts[p]) for p in sorted(mentioned) if p in known.entities]

    def name_key(name: str) -> str:
        return " ".join(w for w in key(name).split() if w not in TITLES)

    def same_person(p, g):
        if name_key(p[0]) != name_key(g["name"]):
            return False
        want = key(g.get("post") or "")
        return not want or any(want in post or (post and post in want) for post in p[1])

    out["people"] = matches(people, gold.get("people") or [], same_person)

    acronyms = [(a["short"], key(a["long"])) for a in getattr(draft, "acronyms", [])]
    out["acronyms"] = matches(acronyms, gold.get("acronyms") or [],
                              lambda p, g: p[0] == g["short"] and p[1] == key(g["long"]))

    judged = [(j["subject"], known.names(j["area"], new), j["grade"].split("/")[1], j["grade"].split("/")[0],
               j["area"], tuple(j.get("offsets") or ()) or span(j.get("quote", ""), text)) for j in draft.judgements]

    def curated_areas(g) -> set[str]:
        """The graph areas of the text's reviewed judgements of this grade quoted where the gold item is."""
        where = span(g["quote"], text)
        return {area for area, grade, quote in known.curated.get(draft.source, ())
                if grade == g["grade"].replace(" ", "-") and near(where, span(quote, text))}

    def same_grade(p, g) -> bool:
        """The same force and grade, on the same scale ('good' of 2016 is not 'good' of 2022)."""
        return p[0] == g["force"] and p[2] == g["grade"].replace(" ", "-") and p[3] == g.get("scale", p[3])

    def same_place(p, g) -> bool:
        """The grade stated at the same place (quotes overlapping) of an area named in like words
        (graph.publish areas and the annotator's words differ: 'Police powers and public treatment'
        for 'Police Powers and treating the public fairly and respectfully')."""
        return bool(p[5]) and near(p[5], span(g["quote"], text)) and any(like_words(g["area"], n) for n in p[1])

    out["judgements"] = matches(judged, gold.get("judgements") or [],
                                lambda p, g: same_grade(p, g) and same_area(key(g["area"]), p[1]),
                                lambda p, g: same_grade(p, g) and (p[4] in curated_areas(g) or same_place(p, g)))

    recs = [(r["kind"], deadline_key(r.get("deadline")), tuple(r["offsets"])) for r in draft.recommendations]
    out["recommendations"] = matches(recs, gold.get("recommendations") or [], lambda p, g: (
        p[0] == g["kind"] and p[1] == deadline_key(g.get("deadline")) and near(p[2], span(g["quote"], text))))

    stats = [(float(s["value"]), s.get("margin"), tuple(s["offsets"])) for s in draft.statistics]
    out["statistics"] = matches(stats, gold.get("statistics") or [], lambda p, g: (
        p[0] == float(g["value"]) and near(p[2], span(g["quote"], text), 40)
        and (g.get("margin") is None or p[1] is not None and float(p[1]) == float(g["margin"]))))
    return out


def pr(counts) -> tuple[float, float]:
    right, proposed, found, gold = counts
    return (right / proposed if proposed else 1.0), (found / gold if gold else 1.0)


def add(total: list[int], counts) -> None:
    for i, n in enumerate(counts):
        total[i] += n


def fmt(counts) -> str:
    p, r = pr(counts)
    return f"{p:5.2f} {r:5.2f} ({counts[0]}/{counts[1]}, {counts[2]}/{counts[3]})"


def explain(kind: str, sid: str, counts: Counts) -> None:
    """The wrong proposals and the missed gold items of one dev text."""
    if not (counts.wrong or counts.missed):
        return
    print(f"\n== {sid} ({kind}: {fmt(counts)})")
    for p in counts.wrong:
        print(f"   wrong  {p!r}"[:300])
    for g in counts.missed:
        print(f"   missed {g!r}"[:300])


def genre_kinds(by_genre_kind: dict, kinds: list[str]) -> None:
    """Precision and recall of each of `kinds` per split and genre."""
    print("\nReal corpus, per genre and kind")
    for (split, genre, kind), counts in sorted(by_genre_kind.items()):
        if kind in kinds and counts[1] + counts[3]:
            print(f"    {split:8} {genre:18} {kind:16} {fmt(counts)}")


ROUND1_MARK = "holdout in round 1"
ROUND2_MARK = "added in round 2"  # texts added to dev in round 2, apart from both halves of round 1's
# Round N's fresh holdout (N from 2) was measured once, then joined dev in round N + 1 with its
# gold marked "holdout in round N"; LATEST_HOLDOUT is the last round whose holdout has joined.
LATEST_HOLDOUT = 7
ROUND1_GROUPS = ("round-1 dev", "round-1 holdout", "added in round 2",
                 *(f"round-{n} holdout" for n in range(2, LATEST_HOLDOUT + 1)))
# --round1's choices, each naming one group: dev, holdout, added, holdout2, holdout3, ...
ROUND1_CHOICES = dict(zip(("dev", "holdout", "added", *(f"holdout{n}" for n in range(2, LATEST_HOLDOUT + 1))),
                          ROUND1_GROUPS, strict=True))


def round1_group(raw: str) -> str:
    """The group of the rounds a dev gold file's text was in, by its mark."""
    for n in range(LATEST_HOLDOUT, 1, -1):
        if f"holdout in round {n}" in raw:
            return f"round-{n} holdout"
    return ROUND1_GROUPS[1] if ROUND1_MARK in raw else ROUND1_GROUPS[2] if ROUND2_MARK in raw else ROUND1_GROUPS[0]


def corpus(data_dir: Path, show_texts: bool, explain_kind: str = "", kinds_by_genre=(), round1: str = "") -> None:
    records, _ = load_records(data_dir)
    known = Known(records)
    by_kind = {split: {k: [0, 0, 0, 0] for k in KINDS} for split in ("dev", "holdout")}
    by_genre: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    by_genre_kind: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    texts = defaultdict(int)
    # Round 2 made round 1's holdout dev ("split: dev  # holdout in round 1"): both halves are printed apart.
    by_round1 = {group: {k: [0, 0, 0, 0] for k in KINDS} for group in ROUND1_GROUPS}
    for gold_path in sorted(CORPUS.glob("*.gold.yaml")):
        sid = gold_path.name.removesuffix(".gold.yaml")
        text = gold_path.with_name(sid + ".txt").read_text(encoding="utf-8")
        raw = gold_path.read_text(encoding="utf-8")
        if round1 and round1_group(raw) != ROUND1_CHOICES[round1]:
            continue
        document = yaml.safe_load(raw)
        source, gold = document["source"], document["gold"] or {}
        date = source.get("date")
        date = date.get("earliest") or date.get("latest") if isinstance(date, dict) else date
        draft = extract(text, sid, data_dir=data_dir, title=source.get("title", ""), date=str(date or ""),
                        exclude_sources=(sid,))
        split = source.get("split", "dev")
        texts[split] += 1
        result = score_text(text, gold, draft, known)
        group = round1_group(raw) if split == "dev" else ""  # a holdout text is reported under its split only
        if explain_kind and split == "dev":  # holdout is only ever reported
            explain(explain_kind, f"{sid} [{group}]", result[explain_kind])
        texts[group] += 1
        for kind, counts in result.items():
            add(by_kind[split][kind], counts)
            if group:
                add(by_round1[group][kind], counts)
            add(by_genre[(split, source["genre"])], counts)
            if group in ROUND1_GROUPS[3:]:
                add(by_genre[(group, source["genre"])], counts)
            add(by_genre_kind[(split, source["genre"], kind)], counts)
            if show_texts and counts[1] + counts[3]:
                print(f"  {split:7} {sid:58} {kind:15} {fmt(counts)}")
    print("\nReal corpus, per kind            precision recall (right/proposed, found/gold)")
    for split, kinds in by_kind.items():
        print(f"  {split} ({texts[split]} texts)")
        for kind, counts in kinds.items():
            print(f"    {kind:16} {fmt(counts)}")
    print("\nReal corpus, per kind and round (round 1 developed on the first, measured on the second; round 2"
          " developed on the first three, measured on the fourth)")
    for group, kinds in by_round1.items():
        print(f"  {group} ({texts[group]} texts)")
        for kind, counts in kinds.items():
            print(f"    {kind:16} {fmt(counts)}")
    # what round N developed on (N from 2): the first N + 1 groups together (round 2's: the first three)
    for developed_in in range(2, LATEST_HOLDOUT + 2):
        developed = ROUND1_GROUPS[:developed_in + 1]
        count = sum(texts[group] for group in developed)
        print(f"  round-{developed_in} dev, the first {developed_in + 1} above ({count} texts)")
        for kind in KINDS:
            total = [0, 0, 0, 0]
            for group in developed:
                add(total, by_round1[group][kind])
            print(f"    {kind:16} {fmt(total)}")
    print("\nReal corpus, per genre (all kinds pooled; dev, and each round's fresh holdout apart)")
    for (split, genre), counts in sorted(by_genre.items()):
        print(f"    {split:8} {genre:18} {fmt(counts)}")
    if kinds_by_genre:
        genre_kinds(by_genre_kind, list(kinds_by_genre))


def seed(data_dir: Path) -> None:
    """The seed texts against their curated records (the benchmark as it was before the corpus)."""
    sources, _ = load_sources(data_dir)
    records, _ = load_records(data_dir)
    in_corpus = {p.name.removesuffix(".gold.yaml") for p in CORPUS.glob("*.gold.yaml")}
    cited = {r.evidence.source for r in records.evidenced()}
    labels = {e.id: e.label for e in records.entities}
    totals = {k: [0, 0, 0, 0] for k in ("entities", "judgements", "recommendations", "statistics")}
    for sid, source in sources.items():
        if sid.startswith("reference-") or sid not in cited or sid in in_corpus or source.text is None:
            continue
        text = source.text
        draft = extract(text, sid, data_dir=data_dir, title=source.title, date=str(source.date),
                        exclude_sources=(sid,))
        gold = [e for e in records.entities if e.evidence.source == sid]
        gold_ids = {e.id for e in gold} | {m.entity for m in records.mentions if m.evidence.source == sid}
        names = {key(n): e.id for e in gold for n in (e.label, *e.aliases)}
        found, right = set(), 0
        for m in draft.mentions:
            if m["entity"] in gold_ids:
                right += 1
                found.add(m["entity"])
        for e in draft.entities:
            hit = next((names[key(n)] for n in (e["label"], *e.get("aliases", [])) if key(n) in names), None)
            if hit:
                right += 1
                found.add(hit)
        add(totals["entities"], (right, len(draft.mentions) + len(draft.entities), len(found), len(gold_ids)))
        draft_labels = {**labels, **{e["id"]: e["label"] for e in draft.entities}}
        gold_j = {(key(labels.get(j.area, j.area)), j.grade.split("/")[1]) for j in records.judgements
                  if j.evidence.source == sid}
        pred_j = {(key(draft_labels.get(j["area"], j["area"])), j["grade"].split("/")[1]) for j in draft.judgements}
        add(totals["judgements"], (len(pred_j & gold_j), len(pred_j), len(pred_j & gold_j), len(gold_j)))
        gold_r = [span(r.evidence.quote, text) for r in records.recommendations if r.evidence.source == sid]
        pred_r = [tuple(r["offsets"]) for r in draft.recommendations]
        add(totals["recommendations"], (sum(any(near(p, g) for g in gold_r) for p in pred_r), len(pred_r),
                                        sum(any(near(p, g) for p in pred_r) for g in gold_r), len(gold_r)))
        gold_s = [(float(s.value), span(s.evidence.quote, text)) for s in records.statistics
                  if s.evidence.source == sid]
        pred_s = [(float(s["value"]), tuple(s["offsets"])) for s in draft.statistics]

        def same(p, g):
            return p[0] == g[0] and near(p[1], g[1], 100)

        add(totals["statistics"], (sum(any(same(p, g) for g in gold_s) for p in pred_s), len(pred_s),
                                   sum(any(same(p, g) for p in pred_s) for g in gold_s), len(gold_s)))
    print("\nSeed texts (data/sources not in the corpus), per kind")
    for kind, counts in totals.items():
        print(f"    {kind:16} {fmt(counts)}")


def sizes(data_dir: Path, kilobytes: list[int]) -> None:
    parts = []
    for gold_path in sorted(CORPUS.glob("*.gold.yaml")):
        if "split: holdout" not in gold_path.read_text(encoding="utf-8"):
            parts.append(gold_path.with_name(gold_path.name.removesuffix(".gold.yaml") + ".txt")
                         .read_text(encoding="utf-8"))
    block = "\n\n".join(parts)
    import os

    print(f"\nRun time against the text's length (the dev texts, concatenated; load {os.getloadavg()[0]:.1f})")
    base = None
    for kb in kilobytes:
        text = (block * (kb * 1000 // len(block) + 1))[:kb * 1000]
        started, cpu = time.perf_counter(), time.process_time()
        draft = extract(text, "size-test", data_dir=data_dir, date="2018")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        per_kb = cpu / kb
        base = base or per_kb
        counts = sum(draft.counts().values())
        print(f"    {kb:5} KB {seconds:8.2f} s wall {cpu:8.2f} s CPU  {per_kb * 1000:7.1f} ms CPU/KB"
              f"  x{per_kb / base:4.2f} of the first  ({counts} proposals)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", type=Path)
    parser.add_argument("--texts", action="store_true", help="Also print each text's figures.")
    parser.add_argument("--sizes", default="40,160,1000", help="Text lengths to time, in KB ('' for none).")
    parser.add_argument("--no-seed", action="store_true", help="Skip the seed texts.")
    parser.add_argument("--by-genre", default="", metavar="KINDS",
                        help="Also print these kinds (comma-separated) per split and genre.")
    parser.add_argument("--explain", default="", choices=("", *KINDS), metavar="KIND",
                        help="Print the dev texts' misses and wrong proposals of KIND (never holdout's).")
    parser.add_argument("--round1", default="",
                        choices=("", *ROUND1_CHOICES),
                        help="Only the texts of round 1's dev or holdout split (all are dev since round 2), "
                             "those added in round 2, or round N's fresh holdout (holdoutN, dev since round N + 1).")
    args = parser.parse_args()
    corpus(args.data, args.texts, args.explain, [k for k in args.by_genre.split(",") if k], args.round1)
    if not args.no_seed:
        seed(args.data)
    if args.sizes:
        sizes(args.data, [int(n) for n in args.sizes.split(",")])


if __name__ == "__main__":
    main()
