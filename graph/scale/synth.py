"""A synthetic corpus at national scale, in the curated record format, for benchmarks and tests.

    >>> from graph.scale.synth import synthesise
    >>> report = synthesise("/tmp/synth", forces=43, rounds=10, seed=1)   # ~100k triples
    >>> kg = graph.load("/tmp/synth")

For every force and inspection round it writes a short inspection-report text made from
templates (numbers, grades and deadlines vary with the seed) and a records file whose quotes
are sentences of that text, so the whole pipeline -- evidence check included -- runs on it
unchanged. Each round also gets an overview text (the graded areas, the national programme and
the England and Wales figures the force figures are compared with), and a reference note
defines the inspectorate, the HM Inspectors and their posts. The forces and themes are copied
from the real data (records/reference-forces.yaml, records/themes.yaml and the reference table
they cite), so force ids are the real ones.

Sizes (union-graph triples, ontology included; see BENCHMARKS.md):

    --forces 20 --rounds 1                           ~   9 thousand
    --forces 43 --rounds 10                          ~ 118 thousand (the default --facts-per-report 1)
    --forces 43 --rounds 10 --facts-per-report 61    ~   1 million

The same arguments and seed always give byte-identical files.
"""

from __future__ import annotations

import random
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.scale.report_templates import (
    DEADLINES,
    DISTRICTS,
    FINDINGS,
    FIVE_POINT_AREAS,
    FIVE_POINT_GRADES,
    FOUR_POINT_AREAS,
    FOUR_POINT_GRADES,
    INSPECTORS,
    ITEM_ACTIONS,
    MONTHS,
    QUOTATIONS,
    RECOMMENDATIONS,
    STATISTICS,
    UNITS,
)

DEFAULT_FACTS_PER_REPORT = 1
FACT_CYCLE = ("finding", "recommendation", "finding", "statistic")
FIRST_YEAR = 2014  # the year of round 1; round r is inspected in FIRST_YEAR + r - 1
FIVE_POINT_FROM = 2021  # PEEL moved from the four-point to the five-point scale in 2021/22
HMICFRS_FROM = 2018  # the inspectorate's reports carry its new name from 2018
REFERENCE_NOTE = "synth-reference-note"
REFERENCE_SOURCES = ("reference-forces", "reference-inspectorates")  # copied from the real data
WIDTH = 88

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# ------------------------------------------------------------------------------ the generator


@dataclass
class SynthReport:
    out_dir: Path
    forces: int
    rounds: int
    sources: int = 0
    records: int = 0
    files: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Force:
    id: str
    slug: str
    label: str


class _Text:
    """A document being written: paragraphs of sentences; every quote is a whole sentence."""

    def __init__(self, title: str):
        self.paragraphs: list[list[str]] = [[title], []]
        self.sentences: set[str] = {title}

    def fresh(self, sentence: str) -> bool:
        return sentence not in self.sentences and not any(sentence in s or s in sentence for s in self.recent())

    def recent(self):
        return (s for paragraph in self.paragraphs[-3:] for s in paragraph)

    def paragraph(self, *sentences: str) -> None:
        self.paragraphs.append([])
        for sentence in sentences:
            self.say(sentence)

    def say(self, sentence: str) -> str:
        self.paragraphs[-1].append(sentence)
        self.sentences.add(sentence)
        return sentence

    def render(self) -> str:
        blocks = []
        for paragraph in self.paragraphs:
            if not paragraph:
                continue
            blocks.append(textwrap.fill(" ".join(paragraph), WIDTH, break_long_words=False, break_on_hyphens=False))
        return "\n\n".join(blocks) + "\n"


def _inspectorate(year: int) -> tuple[str, str, str]:
    """(entity id, name, abbreviation) of the inspectorate in `year`."""
    if year >= HMICFRS_FROM:
        return "org/hmicfrs", "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services", "HMICFRS"
    return "org/hmic", "Her Majesty's Inspectorate of Constabulary", "HMIC"


def _areas(year: int):
    return FIVE_POINT_AREAS if year >= FIVE_POINT_FROM else FOUR_POINT_AREAS


def _scale(year: int) -> tuple[str, list[str]]:
    return ("five-point", FIVE_POINT_GRADES) if year >= FIVE_POINT_FROM else ("four-point", FOUR_POINT_GRADES)


def load_forces(reference_dir: Path) -> list[Force]:
    """The territorial forces of England and Wales from records/reference-forces.yaml, in id order."""
    document = yaml.safe_load((reference_dir / "records" / "reference-forces.yaml").read_text(encoding="utf-8"))
    forces = [Force(e["id"], e["id"].split("/", 1)[1], e["label"]) for e in document["entities"]
              if e.get("category") == "territorial-england-wales"]
    return sorted(forces, key=lambda f: f.id)


def _dump(document: dict) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def _source_entry(source_id: str, file: str, title: str, kind: str, publisher: str, date: str, basis: str) -> dict:
    return {"id": source_id, "file": file, "title": title, "kind": kind, "publisher": publisher, "date": date,
            "date_basis": basis, "licence": "Synthetic text generated by policing-kg synth; CC0"}


def plan(forces: int, rounds: int) -> int:
    """How many documents `synthesise` writes for these settings (for a progress bar)."""
    return forces * rounds + rounds + 1


def synthesise(
    out_dir: str | Path,
    forces: int = 43,
    rounds: int = 10,
    seed: int = 0,
    facts_per_report: int = DEFAULT_FACTS_PER_REPORT,
    reference_dir: str | Path = "data",
    on_document: Callable[[str], None] | None = None,
) -> SynthReport:
    """Write a synthetic data folder to `out_dir` (its sources/ and records/ are replaced).

    `facts_per_report` is roughly how many findings, recommendations and statistics each force
    report carries (judgements, the quotation, entities, mentions and relations come on top).
    `on_document` is called with each document's id as it is written.
    """
    reference_dir, out = Path(reference_dir), Path(out_dir)
    all_forces = load_forces(reference_dir)
    if not 1 <= forces <= len(all_forces):
        raise ValueError(f"--forces must be between 1 and {len(all_forces)}")
    if rounds < 1:
        raise ValueError("--rounds must be at least 1")
    if facts_per_report < 0:
        raise ValueError("--facts-per-report must not be negative")
    chosen = all_forces[:forces]
    for sub in ("sources", "records"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    report = SynthReport(out, forces, rounds)
    notify = on_document or (lambda _id: None)

    sources: list[dict] = []
    # The reference table and the records drawn from it are copied from the real data.
    real_sources = yaml.safe_load((reference_dir / "sources" / "sources.yaml").read_text(encoding="utf-8"))
    (out / "sources").mkdir(parents=True)
    (out / "records").mkdir(parents=True)
    for entry in real_sources:
        if entry["id"] in REFERENCE_SOURCES:
            sources.append(entry)
            shutil.copyfile(reference_dir / "sources" / entry["file"], out / "sources" / entry["file"])
            report.files.append(out / "sources" / entry["file"])
    for name in ("reference-forces.yaml", "themes.yaml"):
        shutil.copyfile(reference_dir / "records" / name, out / "records" / name)
        report.files.append(out / "records" / name)

    files, count = _reference_note(out, sources)
    report.files += files
    report.records += count
    notify(REFERENCE_NOTE)
    for round_no in range(1, rounds + 1):
        year = FIRST_YEAR + round_no - 1
        rng = random.Random(f"{seed}:overview:{round_no}")
        national, files, count = _overview(out, sources, year, rng)
        report.files += files
        report.records += count
        notify(f"synth-peel-{year}-overview")
        for index, force in enumerate(chosen):
            rng = random.Random(f"{seed}:{force.slug}:{round_no}")
            files, count = _force_report(out, sources, force, index, round_no, year, rng, national, facts_per_report)
            report.files += files
            report.records += count
            notify(f"synth-peel-{year}-{force.slug}")
    report.files.append(_write(out / "sources" / "sources.yaml",
                               "# Synthetic sources written by `policing-kg synth`.\n\n" + _dump(sources)))
    report.sources = len(sources)
    return report


def _reference_note(out: Path, sources: list[dict]) -> tuple[list[Path], int]:
    source_id = REFERENCE_NOTE
    text = _Text("Synthetic reference note: the police inspectorate of England and Wales")
    hmic = text.say("Her Majesty's Inspectorate of Constabulary (HMIC) inspected police forces in England and Wales.")
    hmicfrs = text.say("In July 2017 it was renamed His Majesty's Inspectorate of Constabulary and Fire & Rescue "
                       "Services (HMICFRS).")
    curators = text.say("This note was written by the policing-kg curators for the synthetic corpus.")
    ew = text.say("The territorial police forces of England and Wales are listed in the reference table.")
    entities = [
        {"id": "org/hmic", "type": "Inspectorate", "label": "Her Majesty's Inspectorate of Constabulary",
         "aliases": ["HMIC"], "quote": hmic},
        {"id": "org/hmicfrs", "type": "Inspectorate",
         "label": "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
         "aliases": ["HMICFRS"], "date": "2017-07", "quote": hmicfrs},
        {"id": "org/policing-kg", "type": "Organisation", "label": "policing-kg curators", "quote": curators},
        {"id": "place/england-and-wales", "type": "Place", "label": "England and Wales", "quote": ew},
    ]
    relations = [{"subject": "org/hmic", "predicate": "renamedTo", "object": "org/hmicfrs", "quote": hmicfrs}]
    text.paragraph()
    for slug, name, region in INSPECTORS:
        post = text.say(f"{name} is HM Inspector of Constabulary for the {region} Region.")
        entities.append({"id": f"person/{slug}", "type": "Person", "label": name, "quote": post})
        entities.append({"id": f"post/hmi-{region.lower()}-region", "type": "Post",
                         "label": f"HM Inspector of Constabulary for the {region} Region", "quote": post})
        relations.append({"subject": f"person/{slug}", "predicate": "holds",
                          "object": f"post/hmi-{region.lower()}-region", "quote": post})
        relations.append({"subject": f"post/hmi-{region.lower()}-region", "predicate": "postIn",
                          "object": "org/hmic", "quote": post})
    file = f"{source_id}.txt"
    sources.append(_source_entry(source_id, file, "Synthetic reference note: the police inspectorate",
                                 "ReferenceNote", "org/policing-kg", "2026", "Generated with the synthetic corpus."))
    paths = [_write(out / "sources" / file, text.render()),
             _write(out / "records" / "entities.yaml",
                    "# Entities shared by the synthetic sources.\n" + _dump(
                        {"source": source_id, "entities": entities, "relations": relations}))]
    return paths, len(entities) + len(relations)


def _value(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 1)


def _overview(out: Path, sources: list[dict], year: int, rng: random.Random):
    """The round's overview: the programme, the areas it grades and the national figures."""
    source_id = f"synth-peel-{year}-overview"
    inspectorate, name, abbreviation = _inspectorate(year)
    text = _Text(f"PEEL {year}: an overview of police effectiveness, efficiency and legitimacy")
    programme_quote = text.say(f"In {year} {abbreviation} inspected all the territorial police forces of England "
                               f"and Wales as part of its PEEL programme.")
    entities = [{"id": f"inspection/synth-peel-{year}", "type": "Inspection", "label": f"PEEL {year}",
                 "aliases": [f"PEEL {year} inspection programme"], "date": str(year), "quote": programme_quote}]
    relations = [{"subject": f"inspection/synth-peel-{year}", "predicate": "conductedBy", "object": inspectorate,
                  "quote": programme_quote}]
    mentions = [{"entity": inspectorate, "quote": programme_quote}]
    text.paragraph(f"This year the inspection graded each force in {len(_areas(year))} areas.")
    for slug, question, _short, _themes in _areas(year):
        entities.append({"id": f"area/synth-{year}-{slug}", "type": "AssessedArea", "label": question,
                         "description": f"An area graded in PEEL {year}.", "quote": text.say(question)})
    national = {}
    statistics = []
    text.paragraph()
    for slug, label, unit, better, theme, _force, template, low, high in STATISTICS:
        value = _value(rng, low, high)
        sentence = template.format(v=value, year=year)
        sentence = sentence[0].upper() + sentence[1:] + "."
        text.say(sentence)
        stat_id = f"statistic/synth-{year}-england-and-wales-{slug}"
        national[slug] = stat_id
        statistics.append({"id": stat_id, "label": f"{label}, England and Wales", "value": value, "unit": unit,
                           "area": "place/england-and-wales",
                           "period": {"label": f"12 months to March {year}", "start": f"{year - 1}-04-01",
                                      "end": f"{year}-03-31"},
                           "higher_is_better": better, "themes": [theme], "quote": sentence.rstrip(".")})
    file = f"{source_id}.txt"
    sources.append(_source_entry(source_id, file, f"PEEL {year}: an overview", "PressRelease", inspectorate,
                                 str(year), "The year of the inspection round the overview introduces."))
    document = {"source": source_id, "entities": entities, "mentions": mentions, "relations": relations,
                "statistics": statistics}
    paths = [_write(out / "sources" / file, text.render()),
             _write(out / "records" / f"{source_id}.yaml", _dump(document))]
    return national, paths, len(entities) + len(mentions) + len(relations) + len(statistics)


def _fill(template: str, rng: random.Random, force: Force) -> tuple[dict, str]:
    values = {"force": force.label, "district": rng.choice(DISTRICTS), "n": rng.randint(3, 400),
              "pct": rng.randint(5, 99), "days": rng.randint(1, 28)}
    return values, template.format(**values)


def _fresh(text: _Text, rng: random.Random, force: Force, template: str, tries: int = 20) -> tuple[dict, str]:
    for _ in range(tries):
        values, sentence = _fill(template, rng, force)
        if text.fresh(sentence):
            return values, sentence
    raise RuntimeError(f"could not vary {template!r} enough")  # pragma: no cover - numbers make this unreachable


def _force_report(out, sources, force: Force, index: int, round_no: int, year: int, rng: random.Random,
                  national: dict, facts: int):
    source_id = f"synth-peel-{year}-{force.slug}"
    inspection = f"inspection/synth-peel-{year}-{force.slug}"
    inspectorate, name, abbreviation = _inspectorate(year)
    hmi_slug, hmi_name, region = INSPECTORS[index % len(INSPECTORS)]
    scale, grades = _scale(year)
    title = f"PEEL {year}: {force.label}"
    text = _Text(title)
    opening = text.say(f"This report sets out the findings of the PEEL {year} inspection of {force.label} by "
                       f"{name}.")
    entities = [{"id": inspection, "type": "Inspection", "label": f"PEEL {year} inspection of {force.label}",
                 "date": str(year), "quote": opening}]
    mentions = [{"entity": force.id, "quote": opening}]
    relations = [
        {"subject": inspection, "predicate": "inspected", "object": force.id, "quote": opening},
    ]
    if round_no > 1:
        follow = text.say(f"It follows our PEEL {year - 1} inspection of the force.")
        relations.append({"subject": inspection, "predicate": "followUpOf",
                          "object": f"inspection/synth-peel-{year - 1}-{force.slug}", "quote": follow})
    units = {}
    for slug, label in UNITS:
        unit_id = f"unit/{force.slug}-{slug}"
        units[len(units)] = unit_id
        if round_no == 1:
            sentence = text.say(f"The force's {label} was part of this inspection.")
            entities.append({"id": unit_id, "type": "Unit", "label": f"{force.label} {label}", "quote": sentence})
            relations.append({"subject": unit_id, "predicate": "unitOf", "object": force.id, "quote": sentence})

    # Judgements
    text.paragraph("Summary of judgements.")
    judgements = []
    for slug, question, short, themes in _areas(year):
        grade = rng.choice(grades)
        sentence = text.say(f"{question} {force.label} was graded {grade.replace('-', ' ')} for {short}.")
        judgements.append({"id": f"judgement/synth-peel-{year}-{force.slug}-{slug}", "subject": force.id,
                           "inspection": inspection, "area": f"area/synth-{year}-{slug}",
                           "grade": f"{scale}/{grade}", "themes": themes,
                           "quote": sentence.split("? ", 1)[1]})

    # The HMI's words
    text.paragraph()
    values, said = _fresh(text, rng, force, rng.choice(QUOTATIONS))
    intro = f"{hmi_name}, HM Inspector of Constabulary, said: \"{said}\""
    text.say(intro)
    mentions.append({"entity": f"person/{hmi_slug}", "quote": f"{hmi_name}, HM Inspector of Constabulary"})
    quotations = [{"id": f"quotation/synth-peel-{year}-{force.slug}-hmi", "speaker": f"person/{hmi_slug}",
                   "post": f"post/hmi-{region.lower()}-region", "themes": ["theme/leadership-and-governance"],
                   "quote": said}]

    # Half the facts are findings, a quarter recommendations, a quarter statistics; the cycle
    # starts at a different place in each report so that even one fact per report gives a mix.
    kinds = [FACT_CYCLE[(index + round_no + k) % len(FACT_CYCLE)] for k in range(facts)]
    n_findings, n_recs, n_stats = (kinds.count(kind) for kind in ("finding", "recommendation", "statistic"))
    areas = _areas(year)

    # Findings
    findings = []
    text.paragraph("What we found.")
    for k in range(n_findings):
        if k and k % 6 == 0:
            text.paragraph()
        polarity, theme, template, summary, unit = rng.choice(FINDINGS)
        values, sentence = _fresh(text, rng, force, template)
        text.say(sentence)
        finding = {"id": f"finding/synth-peel-{year}-{force.slug}-{k + 1}", "subject": force.id,
                   "inspection": inspection, "area": f"area/synth-{year}-{rng.choice(areas)[0]}",
                   "polarity": polarity, "summary": summary.format(**values).capitalize(), "themes": [theme],
                   "quote": sentence}
        if unit is not None:
            finding["concerns"] = [units[unit]]
        findings.append(finding)

    # Recommendations and areas for improvement
    recommendations = []
    if n_recs:
        text.paragraph("Recommendations and areas for improvement.")
    for k in range(n_recs):
        theme, action, summary = rng.choice(RECOMMENDATIONS)
        rec_id = f"recommendation/synth-peel-{year}-{force.slug}-{k + 1}"
        area = f"area/synth-{year}-{rng.choice(areas)[0]}"
        if k % 3 == 2:
            values, sentence = _fresh(text, rng, force, f"Area for improvement: {{force}} should {action}.")
            text.say(sentence)
            recommendations.append({"id": rec_id, "kind": "area-for-improvement", "addressee": force.id,
                                    "inspection": inspection, "area": area,
                                    "summary": summary.format(**values), "themes": [theme], "quote": sentence})
            continue
        deadline_text, relative = rng.choice(DEADLINES)
        values, sentence = _fresh(text, rng, force, f"{deadline_text}, {{force}} should {action}.")
        items = []
        if k % 3 == 1:
            sentence = sentence[:-1] + ", and it should:"
            text.say(sentence)
            for letter, (item_action, item_summary) in zip("ab", rng.sample(ITEM_ACTIONS, 2), strict=True):
                month, when = rng.randrange(12), year + 1
                item_text = f"by {MONTHS[month]} {when}"
                item = item_action.format(**values)
                text.say(f"({letter}) {item_text} {item};")
                items.append({"id": f"{rec_id}-{letter}", "summary": item_summary.format(**values),
                              "deadline": {"text": item_text.capitalize(), "absolute": f"{when}-{month + 1:02d}"},
                              "quote": f"{item_text} {item}"})
        else:
            text.say(sentence)
        rec = {"id": rec_id, "kind": "recommendation", "addressee": force.id, "inspection": inspection,
               "area": area, "summary": summary.format(**values),
               "deadline": {"text": deadline_text, "relative": relative}, "themes": [theme],
               "quote": sentence.rstrip(".:")}
        if items:
            rec["items"] = items
        recommendations.append(rec)

    # Statistics, each compared with the England and Wales figure of the round
    statistics = []
    if n_stats:
        text.paragraph("Facts and figures.")
    for k in range(n_stats):
        slug, label, unit, better, theme, template, _national, low, high = STATISTICS[k % len(STATISTICS)]
        value = _value(rng, low, high)
        stat_id = f"statistic/synth-peel-{year}-{force.slug}-{slug}"
        if k >= len(STATISTICS):  # the same measure again, for one district
            district = DISTRICTS[(k // len(STATISTICS) - 1) % len(DISTRICTS)]
            stat_id += f"-{k // len(STATISTICS)}"
            quote = template.format(force=f"{force.label} in {district}", v=value, year=year)
        else:
            quote = template.format(force=force.label, v=value, year=year)
        text.say(quote[0].upper() + quote[1:] + ".")
        statistics.append({"id": stat_id, "label": label, "value": value, "unit": unit, "area": force.id,
                           "period": {"label": f"12 months to March {year}", "start": f"{year - 1}-04-01",
                                      "end": f"{year}-03-31"},
                           "higher_is_better": better, "comparator": national[slug], "themes": [theme],
                           "quote": quote[0].upper() + quote[1:]})

    file = f"{source_id}.txt"
    sources.append(_source_entry(source_id, file, title, "InspectionReport", inspectorate, str(year),
                                 "The year of the synthetic inspection round."))
    document = {"source": source_id, "entities": entities, "mentions": mentions, "relations": relations,
                "judgements": judgements, "findings": findings, "recommendations": recommendations,
                "statistics": statistics, "quotations": quotations}
    document = {key: value for key, value in document.items() if value}
    paths = [_write(out / "sources" / file, text.render()),
             _write(out / "records" / f"{source_id}.yaml", _dump(document))]
    count = sum(len(v) for v in document.values() if isinstance(v, list))
    count += sum(len(r.get("items", ())) for r in recommendations)
    return paths, count
