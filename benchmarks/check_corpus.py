"""Check the real development corpus: every gold quote is found in its text.

Run once after editing the corpus (``python benchmarks/check_corpus.py``). For each
``benchmarks/corpus/<id>.gold.yaml`` it checks that ``<id>.txt`` exists, that the source block
names the fields CORPUS conventions require, that grades and scales use the scale's words, and
that every ``quote`` of the gold is found in the text with the project's own quote matcher
(``find_quote``, which tolerates line breaks, runs of spaces and curly versus straight quotes).
It prints one line per problem and exits non-zero when there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

try:  # the layout restructure moves the evidence module
    from graph.data.evidence import find_quote
except ImportError:  # pragma: no cover - old layout
    from graph.evidence import find_quote

CORPUS = Path(__file__).resolve().parent / "corpus"
SOURCE_FIELDS = ("url", "title", "publisher", "date", "date_basis", "licence", "genre", "forces", "split")
GENRES = {
    "peel-2014-2017",
    "peel-2018-19",
    "peel-2021-22",
    "peel-2023-25",
    "crime-inspection",
    "thematic",
    "force-statement",
    "pcc-response",
    "panel-minutes",
    "news",
}
GOLD_KINDS = ("forces", "entities", "people", "acronyms", "judgements", "recommendations", "statistics")
GRADES = {
    "four-point": {"outstanding", "good", "requires improvement", "inadequate"},
    "five-point": {"outstanding", "good", "adequate", "requires improvement", "inadequate"},
}


def check(gold_path: Path) -> list[str]:
    """Return the problems of one gold file, each prefixed with the file name."""
    name = gold_path.name
    text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.yaml") + ".txt")
    if not text_path.exists():
        return [f"{name}: no text file {text_path.name}"]
    text = text_path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"{name}: not valid YAML: {error}".replace("\n", " ")]
    problems = []
    source = doc.get("source") or {}
    problems += [f"{name}: source lacks {field}" for field in SOURCE_FIELDS if field not in source]
    if source.get("genre") not in GENRES:
        problems.append(f"{name}: unknown genre {source.get('genre')!r}")
    if source.get("split") not in ("dev", "holdout"):
        problems.append(f"{name}: split must be dev or holdout, not {source.get('split')!r}")
    gold = doc.get("gold") or {}
    for kind in GOLD_KINDS:
        items = gold.get(kind)
        if items is None:
            problems.append(f"{name}: gold lacks {kind} (write [] when there is none)")
            continue
        for number, item in enumerate(items, 1):
            quote = item.get("quote")
            if not quote:
                problems.append(f"{name}: {kind} #{number} has no quote")
            elif find_quote(quote, text) is None:
                problems.append(f"{name}: {kind} #{number} quote not found: {quote!r}")
            if kind == "judgements" and item.get("grade") not in GRADES.get(item.get("scale"), ()):
                grade, scale = item.get("grade"), item.get("scale")
                problems.append(f"{name}: judgements #{number} grade {grade!r} is not on scale {scale!r}")
    return problems


def main() -> int:
    golds = sorted(CORPUS.glob("*.gold.yaml"))
    texts = sorted(CORPUS.glob("*.txt"))
    problems = [problem for gold in golds for problem in check(gold)]
    paired = {gold.name.removesuffix(".gold.yaml") for gold in golds}
    problems += [f"{text.name}: no gold file" for text in texts if text.stem not in paired]
    for problem in problems:
        print(problem)
    counts = {kind: 0 for kind in GOLD_KINDS}
    for gold in golds:
        try:
            doc = yaml.safe_load(gold.read_text(encoding="utf-8")).get("gold") or {}
        except yaml.YAMLError:
            continue  # already reported
        for kind in GOLD_KINDS:
            counts[kind] += len(doc.get(kind) or [])
    print(
        f"{len(golds)} gold files, {len(texts)} texts; gold items: "
        + ", ".join(f"{kind} {count}" for kind, count in counts.items())
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
