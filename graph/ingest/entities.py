"""Entities: those already in the graph (forces, inspectorates, units ...) found by label and alias,
the report's subject force, and new units, agencies, schemes and reports.

- Known names are found by graph.ingest.gazetteer; a force also by its area in a list after a
  word for forces ("constabularies based in Lancashire, Essex and Warwickshire", "colleagues in
  West and South Yorkshire"). Of overlapping names the longest plausible one wins (`resolve_hits`): a round's
  name mentioned in passing gives way to the programme's inside it ("PEEL" in "Durham PEEL 2015"),
  another force's post is not named by its acronym ("PCC"), a common name inside a proper one is
  part of that ("the Best Use of Stop and Search scheme").
- The subject force is the one the title names (by name or area), else the one named most (a force
  named by its area alone counting half), else, when the text names none, the publisher's.
- New names (`propose_units`, `propose_documents`): a head noun after capitalised words ("Violence
  Reduction Unit", "the Modern Crime Prevention Strategy 2016", "the National Association of Police
  and Crime Commissioners", "the HMICFRS Press Office", "His Majesty’s Inspectorate of Probation",
  "a Force Management Statement", "the Code of Ethics", "the revised Know Fraud system" (not "the IT
  system"), "Clare’s Law", "the next Accountability & Performance Meeting" (a law or a meeting only with
  its head capitalised), "my Police and Crime Plan priority areas" (a capitalised name before a noun),
  "the Crime Survey for England and Wales": a known place in the tail is part of the name), a
  capitalised head that opens its name ("the Office of the Police and Crime Commissioner"), or a
  head after lower-case words that name a function ("counter-corruption unit", "domestic abuse
  scrutiny panel"; not "senior management team", "re-inspection" or "the inspection findings"),
  or a plan or policy named as the nation's ("a national action plan"); a web page's report title
  (without its file format: "(PDF document)"); a named operation ("Operation Seabrook"); an IT system named
  after the word for it ("community messaging system Derbyshire Alert", "its own internal database, Go2");
  a method named by an acronym the graph does not know ("the THRIVE model", "DASH assessments"). A name
  the graph knows only as another force's ("the Police and Crime Plan" of Kent) names this report's
  own: a new entity. A body before a post is named ("South Yorkshire Police Federation Chair"). A
  name glossed by a known short form in brackets is that entity ("Majesty’s Inspectorate of
  Constabulary and Fire & Rescue Services (HMICFRS)", "Her" dropped), and so is a body's name cut short after
  the text gave it in full ("His Majesty’s Inspectorate" after HMICFRS's whole name). A known body's name inside
  a longer name of a body of its kind is part of that name, not a mention ("His Majesty’s Inspectorate of
  Constabulary" in "His Majesty’s Inspectorate of Constabulary Fire and Rescue Services").
- Round 6: a force's own unit after "the force’s" as after "its" ("the force’s prevention directorate"); one word
  of function before a head texts use for one unit ("a crime bureau", "an ethics board"; not "an investigation team");
  a short
  form in brackets just before a name is part of it ("... (HMICFRS) Improvement Plan"); a body the
  draft proposes, named in full and later cut short, is that body ("the Criminal Justice Inspection" after "the
  Criminal Justice Inspection Northern Ireland (CJI)"); a report named by two capitalised words or more before
  "report", after "the", "our" ... ("the Crime Data Integrity report", "The Police Effectiveness Report"; not "the
  Legitimacy report", PEEL's); a quoted title after a comma, maybe opening with a possessive
  ("a report, ‘Everyone’s business’").
- Round 7: areas stand for forces after a plural word for forces and a dash or colon ("Three forces – Kent, Cumbria
  and Nottinghamshire"), after a count and a colon that counts them ("The five: Cumbria, Kent, ... and Thames
  Valley"), and when listed with a force named in full at the list's end ("Dyfed Powys and Suffolk Constabulary"); a
  force so named wins over the place of that name; an area written with a hyphen is also found without it. A body's
  head, then "and", ends a name: the next is a body of its own ("the Care Quality Commission and Her Majesty’s
  Inspectorate of Probation"). An inspection series named in lower case with the acronym the text defines for it is
  a name ("the joint targeted area inspections (JTAI)").
- Not entities (round 7): a programme's acronym before "inspection programme" ("The PEEL inspection programme": PEEL's),
  and a known body's name before a lower-case head with nothing after it ("a Home Office initiative": the body's,
  unnamed; not "the Home Office review of Police and Crime Commissioners").
- Not entities: an inspection named only by a PEEL pillar or the word for a force, with the programme's or the
  inspectorate's name ("the Effectiveness Inspection", "its PEEL: Effectiveness inspection programme", "PEEL Force
  Inspection": PEEL's); a name running into the end of a stored text cut mid-word ("... to the Independent Office of
  Police Co"); an acronym before a lower-case "inspection" or "programme" ("a separate HMICFS inspection",
  "the CDI programme": the programme's short name used before the word); a known practice (a tactic or
  power) named in lower case ("the use of stop and search", "problem solving"): the text speaks of the
  practice (GUIDE.md, generic nouns).
Measured on benchmarks/extract.py (BENCHMARKS.md "Extraction"); the forms are tested on real text in
tests/ingest/test_real_entities.py and test_entity_forms.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest import extraction_patterns as P
from graph.ingest.gazetteer import Gazetteer, name_words
from graph.ingest.text import Doc, flat, fold

_AUX = {"has", "have", "had", "is", "are", "was", "were", "been", "be", "it", "they", "we", "he", "she", "who",
        "which", "that"}
# Prefixes written with a hyphen: the word they make is one word ("re-inspection").
_PREFIXES = {"re", "pre", "post", "co", "non", "sub", "self", "mid"}
# Marks after a plural word for forces that open a list of them ("Three forces – Kent, Cumbria and ...").
_LIST_MARKS = {"–", "—", "-", ":"}
_STOP_LEADS = {"the", "a", "an", "this", "that", "its", "our", "their", "his", "her", "these", "those", "and", "in",
               "on", "at", "by", "with", "from", "of", "for", "to", "as", "new", "each", "every"}


@dataclass
class Hit:
    entity: str
    start: int  # report offsets
    end: int
    block: int
    first_token: int
    last_token: int
    candidates: tuple[str, ...] = ()  # every entity so named, when more than one is
    shared: bool = False  # a name that two hits share ("West and South Yorkshire"): not one of overlapping names
    by_area: bool = False  # a force named by its area alone ("shared with Bedfordshire and Cambridgeshire forces")


# ---------------------------------------------------------------------------- the draft


def known_hits(x) -> list[Hit]:
    """Every known name in the report, overlapping ones too, and forces named by their area where
    the text speaks of forces ("constabularies based in Lancashire, Essex and Warwickshire")."""
    hits = []
    for number, block in enumerate(x.blocks):
        doc = block.doc
        named = set()
        for first, end, ids in x.gazetteer.find(doc):
            start, stop = block.token_span(doc[first], doc[end - 1])
            hits.append(Hit(ids[0], start, stop, number, first, end - 1, ids if len(ids) > 1 else ()))
            named.add((ids[0], start))
        for first, end, force, shared in _forces_by_area(x.gazetteer, doc):
            start, stop = block.token_span(doc[first], doc[end - 1])
            if (force, start) not in named:  # "Suffolk Constabulary" ending a list is named already
                hits.append(Hit(force, start, stop, number, first, end - 1, shared=shared, by_area=True))
    return hits


def _forces_by_area(gazetteer: Gazetteer, doc: Doc) -> list[tuple[int, int, str, bool]]:
    """(first token, end token, force, whether the name is shared) of the areas listed after a word
    for forces and a preposition ("forces in", "constabularies based in", "colleagues from"), the
    list joined by commas, "and" and "or"; "West and South Yorkshire" names both forces. Also areas
    listed before a plural word for forces ("South Wales and Gwent police forces", "shared with
    Bedfordshire and Cambridgeshire forces"), and an area that is graded ("North Wales was graded
    “good”", "Sussex is assessed as being ...")."""
    words = name_words(doc)
    found = []
    for i, word in enumerate(words[:-1]):
        if word not in P.FORCE_NOUNS:
            continue
        k = i + 1
        while k < len(words) and words[k] in P.FORCE_LIST_LEADS:
            k += 1
        # A plural word for forces, then a dash or a colon, lists them ("Three forces – Kent, Cumbria and
        # Nottinghamshire").
        if k == i + 1 and doc[i].lower_.endswith("s") and words[k] in _LIST_MARKS:
            k += 1
        if k == i + 1:
            continue
        found += _area_list(gazetteer, doc, words, k)[0]
    for k in range(len(words) - 1):
        if not doc[k].is_title or (k and doc[k - 1].is_title):
            continue
        listed, end = _area_list(gazetteer, doc, words, k)
        if not listed:
            continue
        rest = [t.lower_ for t in doc[end:end + 4]]
        plural = rest[:1] in (["forces"], ["constabularies"]) or rest[:2] == ["police", "forces"]
        graded = rest[:1] in (["was"], ["is"], ["were"]) and bool(P.GRADED_AREA_VERBS.intersection(rest[1:3]))
        several = len({f for _, _, f, _ in listed})
        # Areas listed with a force named in full at the list's end stand for forces too ("the other two forces
        # involved in the pilot are Dyfed Powys and Suffolk Constabulary"); so do the areas a count announces
        # before a colon ("The five: Cumbria, Kent, Leicestershire, Nottinghamshire and Thames Valley").
        named_last = rest[:1] in (["police"], ["constabulary"]) and rest[1:2] != ["and"]
        if ((plural or named_last) and several >= 2) or (graded and len(listed) == 1) or (
                several >= 2 and _counted_before(doc, k) == several):
            found += listed
    return found


def _counted_before(doc: Doc, k: int) -> int | None:
    """The number a list at token k is announced with ("The five: ..."), or None."""
    if k < 2 or doc[k - 1].text != ":":
        return None
    return P.NUMBER_WORDS.get(doc[k - 2].lower_) or (int(doc[k - 2].text) if doc[k - 2].text.isdigit() else None)


def _area_list(gazetteer: Gazetteer, doc: Doc, words: tuple[str, ...], k: int):
    """The areas named from token k on, joined by commas, "and" and "or", and the token after them."""
    found = []
    end = k
    while k < len(words):
        area = _area_at(gazetteer, words, k)
        if area:
            end, force = area
            found.append((k, end, force, False))
        elif k + 2 < len(words) and words[k + 1] == "and" and doc[k].is_title:
            # "West and South Yorkshire": the first area is the second's with its first word replaced.
            second = _area_at(gazetteer, words, k + 2)
            first = second and gazetteer.areas.get((words[k], *words[k + 3:second[0]]))
            if not first:
                break
            found += [(k, second[0], first, True), (k + 2, second[0], second[1], True)]
            end = second[0]
        else:
            break
        if end < len(words) and words[end] in ("and", "or"):
            k = end + 1 + (end + 1 < len(words) and words[end + 1] == "and")
        else:
            break
    return found, end


def _area_at(gazetteer: Gazetteer, words: tuple[str, ...], k: int) -> tuple[int, str] | None:
    """(end token, force) of the longest force area named at token k."""
    for length in range(min(5, len(words) - k), 0, -1):
        force = gazetteer.areas.get(words[k:k + length])
        if force:
            return k + length, force
    return None


def main_force(x) -> str:
    """The force the report is about: the one its title names (by name, or by area: "Durham PEEL
    2015"), else the one it names most; when it names none (a force's own page speaking of "we", a
    committee's minutes of "the Commissioner of Police"), the publisher's, given as an id
    ("force/lancashire") or named ("Lancashire Constabulary", "Durham County Council (Durham Police and
    Crime Panel)", "City of London Corporation")."""
    named = _force_named_in(x, x.title)
    if named:
        return named
    counts: dict[str, float] = {}
    in_full: dict[str, int] = {}  # where each force is first named in full
    for hit in x.hits:
        if x.gazetteer.type_of(hit.entity) == "PoliceForce":
            # A force named by its area alone is mostly another force, named in passing.
            counts[hit.entity] = counts.get(hit.entity, 0) + (0.5 if hit.by_area else 1)
            if not hit.by_area:
                in_full.setdefault(hit.entity, hit.start)
    if counts:
        most = max(counts.values())
        leaders = [force for force, count in counts.items() if count == most]
        if len(leaders) == 1:
            return leaders[0]
        # Named equally often: the first of them named in full (a statement naming two other
        # forces in an aside); a text naming several only by their places is about none of them.
        named_in_full = [force for force in leaders if force in in_full]
        if named_in_full:
            return min(named_in_full, key=in_full.get)
    publisher = getattr(x, "publisher", "")
    if x.gazetteer.type_of(publisher) == "PoliceForce":
        return publisher
    return _force_named_in(x, publisher) or "force/unknown"


def _force_named_in(x, name: str) -> str:
    """The force a title or a publisher's name names, by name or by area ("Durham PEEL 2015"), or ""."""
    if not name:
        return ""
    doc = Doc(flat(name))
    for _, _, ids in longest(x.gazetteer.find(doc)):
        if x.gazetteer.type_of(ids[0]) == "PoliceForce":
            return ids[0]
    words = name_words(doc)
    for k in range(len(words)):
        area = doc[k].is_title and _area_at(x.gazetteer, words, k)
        if area:
            return area[1]
    return ""


def longest(found: list) -> list:
    """The longest of overlapping matches (first token, end token, ...), no two overlapping, in text
    order: a longer name wins over the shorter names inside it ("HM Inspectorate of Constabulary and
    Fire & Rescue Services" over "HM Inspectorate of Constabulary")."""
    taken: set[int] = set()
    kept = []
    for match in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if not taken.intersection(range(match[0], match[1])):
            taken.update(range(match[0], match[1]))
            kept.append(match)
    return sorted(kept, key=lambda m: m[:2])


def resolve_hits(x, hits: list[Hit]) -> list[Hit]:
    """The hits that name what they seem to, once the subject force is known: a name several
    entities share is the one of the subject's (or the one belonging to no force); then only the
    plausible ones, and of those overlapping the longest (an implausible long name leaves the
    names inside it: "PEEL" in "Durham PEEL 2015")."""
    kept = []
    for hit in hits:
        if hit.candidates:
            own = [c for c in hit.candidates if x.subject in x.gazetteer.tied.get(c, {x.subject})]
            if not own:
                continue
            hit.entity = own[0]
        if plausible(x, hit):
            kept.append(hit)
    by_block: dict[int, list[Hit]] = {}
    for hit in kept:
        by_block.setdefault(hit.block, []).append(hit)
    chosen = []
    for block in sorted(by_block):
        # (A force named by its area where forces are meant wins over the place of that name: "Three forces – Kent".)
        found = [(h.first_token, h.last_token + 1, n, h) for n, h in enumerate(by_block[block]) if not h.shared]
        found.sort(key=lambda m: not m[3].by_area)
        chosen += [m[3] for m in longest(found)] + [h for h in by_block[block] if h.shared]
    return sorted(chosen, key=lambda h: (h.start, h.end))


def plausible(x, hit: Hit) -> bool:
    """A lower-case alias or a one-word name ("PCC", "the unit") of another force's unit or post names
    this report's own, not that one; a common name capitalised inside a proper one is part of that
    name ("stop and search" in "the Best Use of Stop and Search scheme"); an inspection's areas, and
    inspections and documents not named by a proper name ("the Crime Survey for England and Wales"),
    are named as headings, not in passing."""
    doc = x.blocks[hit.block].doc
    kind = x.gazetteer.type_of(hit.entity)
    if kind == "PoliceForce" and name_words(doc[hit.last_token + 1:hit.last_token + 3]) == ("and", "crime"):
        return False  # "Norfolk Police and Crime Commissioner": the commissioner's (or panel's) name, not the force
    words = list(doc[hit.first_token:hit.last_token + 1])
    if kind in P.PRACTICE_TYPES and all(t.is_lower or t.is_sent_start and t.is_title for t in words if t.is_alpha):
        return False  # "its use of stop and search", "Stop and search and Taser": the practice, not an entity
    proper = sum(t.is_alpha and (t.is_title or t.is_upper) for t in words) >= 2 and all(
        t.is_title or t.is_upper or t.lower_ in P.NAME_JOINERS or not t.is_alpha for t in words)
    if kind in ("AssessedArea", "Inspection") or kind == "Document" and not proper:
        block = doc.text.strip()
        return fold(block).rstrip("?:. ") == fold(flat(x.text[hit.start:hit.end])).rstrip("?:. ")
    first = hit.first_token
    generic = (hit.entity, name_words(doc[first:hit.last_token + 1])) in x.gazetteer.generic
    if generic and doc[first].is_title and first > 0 and (_proper(doc[first - 1]) or (
            first > 1 and doc[first - 1].lower_ in P.NAME_JOINERS and _proper(doc[first - 2]))):
        return False
    tied = x.gazetteer.tied.get(hit.entity)
    if not tied or x.subject in tied:
        return True
    if generic:
        return False
    owned = any(hit.entity.split("/", 1)[1].startswith(force.split("/", 1)[1] + "-") for force in tied)
    return not owned or hit.last_token > hit.first_token


# Kinds of body whose name may hold a shorter name of the same kind: "His Majesty’s Inspectorate of Constabulary"
# inside "His Majesty’s Inspectorate of Constabulary Fire and Rescue Services".
_BODIES = {"Inspectorate", "Organisation", "GovernmentBody", "Unit", "Partnership"}


def _longer_bodies(x) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of body is named by a name proposed (a new entity) or glossed by a known short form, at every
    place the text writes it: a known body named inside it is part of that name."""
    spans: dict[str, list[tuple[int, int]]] = {}
    named = [(e["type"], e) for e in x.draft.entities if e["type"] in _BODIES]
    named += [(x.gazetteer.type_of(m["entity"]), m) for m in x.draft.mentions]
    for kind, record in named:
        if kind not in _BODIES or "offsets" not in record:
            continue
        written = x.text[slice(*record["offsets"])]
        at = x.text.find(written)
        while written and at >= 0:
            spans.setdefault(kind, []).append((at, at + len(written)))
            at = x.text.find(written, at + 1)
    return spans


def propose_mentions(x) -> None:
    seen = {(m["entity"], fold(m["quote"])) for m in x.draft.mentions}  # a person graph.ingest.people mentioned
    bodies = _longer_bodies(x)
    for hit in x.hits:
        spelling = flat(x.text[hit.start:hit.end])
        key = (hit.entity, fold(spelling))
        if key in seen or any(s <= hit.start and hit.end <= e and e - s > hit.end - hit.start
                              for s, e in bodies.get(x.gazetteer.type_of(hit.entity), ())):
            continue  # (a body's name inside a longer name of a body of its kind: part of that name)
        seen.add(key)
        # Widened until its first occurrence is this one: "HMIC" alone is found inside an earlier "HMICFRS".
        evidence = x.quote(hit.start, hit.end)
        if evidence:
            x.draft.mentions.append({"entity": hit.entity, **evidence})


def propose_documents(x) -> None:
    """A report's title on a web page: the line after its link ("Get the report", "Download the full
    report") or before its date ("Published on: 6 October 2022") or the inspectorate's page furniture
    ("Contents", "Print this document", "Part of: ..."; not a letter's heading), the inspection a recommendations
    register entry's first line names before its number, or a heading line that opens with
    a known programme's name and a year and names a force ("PEEL: Police effectiveness, efficiency
    and legitimacy 2018/19 – Durham Constabulary", "PEEL 2023–2025: An inspection of North
    Yorkshire Police"), or the title after the words that say where to get it ("... can be downloaded here: PEEL
    2023–2025: An inspection of Essex Police - His Majesty’s ...", "via the link below:" / a title with its year)."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", x.text)]
    for n, (at, line) in enumerate(lines):
        title = line.strip()
        before = lines[n - 1][1] if n else ""
        after = lines[n + 1][1] if n + 1 < len(lines) else ""
        words = title.split()
        if not 2 <= len(words) <= 40 or title.endswith(("?", "!")):
            continue
        start = at + len(line) - len(line.lstrip())
        end = start + len(title)
        if not any(line.strip() for _, line in lines[:n]) and P.REGISTER_HEADING.match(title):
            # A register entry's heading names the inspection its recommendation comes from:
            # "Core Business: an inspection into crime prevention, ... (4822)".
            title = P.REGISTER_HEADING.match(title).group("title")
            end = start + len(title)
            x.entity("Inspection", flat(title), start, end, description="The inspection the register entry is of.")
            x.claim(start, end)
            continue
        if P.REPORT_LINK.match(before):
            description = "The report the page links to."
        elif P.PUBLISHED_LINE.match(after) and not title.endswith(".") and not P.PUBLISHED_LINE.match(title) and not (
                P.PAGE_FURNITURE_AFTER.match(after) and title.lower().endswith(" letter")):
            # (Under a letter's heading the inspectorate's furniture, "Contents" / "Print this document", is a
            # letter's page, not a publication's.)
            description = "The publication the page gives."
        else:
            hits = x.hits_in(start, end)
            opens = any(h.start == start and x.gazetteer.type_of(h.entity) == "Programme" for h in hits)
            names_force = any(x.gazetteer.type_of(h.entity) == "PoliceForce" for h in hits)
            if title.endswith(".") or not (opens and names_force and re.search(r"\b(?:19|20)\d\d\b", title)
                                           and re.search(r":| [–-] ", title)):
                continue
            description = "A report named in the text."
        fmt = P.FILE_FORMAT_AFTER.search(title)  # "(PDF document)": the link's, not the title's
        if fmt:
            title, end = title[:fmt.start()], start + fmt.start()
        if any(e["type"] == "Document" and e["label"].startswith(flat(title)) for e in x.draft.entities):
            continue  # the title again, cut short where the stored page ends ("... Crime Data Integrity inspect")
        x.entity("Document", flat(title.rstrip(".")), start, end - title.endswith("."),
                 description=description)
        x.claim(start, end)
    for match in P.LINKED_TITLE.finditer(x.text):
        start, end = match.span("title")
        title = flat(match.group("title")).rstrip(".;,")
        # (a title names its report's year: not "... here: HMICFRS website" or a sentence)
        documents = [e["offsets"] for e in x.draft.entities if e["type"] == "Document" and "offsets" in e]
        in_text = any(b.start <= start < b.end for b in x.blocks)  # (not in the page's furniture)
        if in_text and re.search(r"\b(?:19|20)\d\d", title) and not any(s < end and start < e for s, e in documents):
            x.entity("Document", title, start, start + len(match.group("title").rstrip(".;,")),
                     description="The report the page links to.")
            x.claim(start, end)
    for start, end, title in _in_blocks(x, P.SUBJECT_REPORT, "title"):
        hits = x.hits_in(start, end)
        if any(x.gazetteer.type_of(h.entity) == "PoliceForce" for h in hits) or any(
                e["type"] == "Document" and fold(e["label"]).startswith(fold(flat(title)) + " ")
                for e in x.draft.entities):
            continue  # a force's report ("the Kent Police report"), or a title given whole
        x.entity("Document", flat(title), start, end, description="A report named in the text.")
        x.claim(start, end)
    quoted = [*_in_blocks(x, P.QUOTED_TITLE, "title"), *_in_blocks(x, P.QUOTED_TITLE_BEFORE, "title")]
    for start, end, title in quoted:
        if any(e["type"] == "Document" and fold(e["label"]).startswith(fold(title) + ":") for e in x.draft.entities):
            continue  # a title's first part, the page having given it whole ("‘Increasingly everyone’s business’")
        if not P.GRADE_LINE.match(title) and not x.claimed_by(start, end):
            x.entity("Document", flat(title), start, end, description="A report named in the text.")
            x.claim(start, end)


def _in_blocks(x, pattern, group: str = 0):
    """(start, end, text) of each match of `pattern` in the report's blocks, as the report writes them (curly
    quotes kept), never in the web page's furniture (graph.ingest.boilerplate blanks it before blocks are cut)."""
    for block in x.blocks:
        for match in pattern.finditer(x.text, block.start, block.end):
            yield match.start(group), match.end(group), match.group(group)


# "<what it is>, known as <its name>": "The all-Wales counter-terrorism unit, known as WECTU", "the serious and
# organised crime collaboration, known as Tarian".
_KNOWN_AS = re.compile(r"(?P<what>(?:[\w’'-]+\s+){1,6}?[\w-]+),?\s+(?:also\s+|commonly\s+)?known\s+as\s+[‘“'\"]?"
                       r"(?P<name>[A-Z][\w-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w-]*){0,5})")


def propose_named_as(x) -> None:
    """A thing described, then named: "The all-Wales counter-terrorism unit, known as WECTU": the name is
    the entity's label, the description its alias, its type the description's head noun's."""
    for block in x.blocks:
        for match in _KNOWN_AS.finditer(block.doc.text):
            start, end = block.span(match.start("name"), match.end("name"))
            if x.hits_in(start, end) or x.claimed_by(start, end):
                continue  # a known name ("known as ‘PEEL Assessments’")
            words = match.group("what").split()
            first = max((i for i, w in enumerate(words) if w.lower() in _STOP_LEADS), default=-1) + 1
            what = " ".join(words[first:])
            head = fold(what.split()[-1]) if what else ""
            kind = P.UNIT_HEADS.get(head) or P.NAMED_HEADS.get(head) or "Organisation"
            w_at = block.doc.text.find(what, match.start("what")) if what else match.start("name")
            q_start = block.span(w_at, w_at + 1)[0]
            name = flat(x.text[start:end])
            x.entity(kind, name, q_start, end, aliases=[what] if what else (),
                     description=f"Named in the report as {what + ', known as ' if what else ''}{name}.")
            x.claim(q_start, end)


def propose_units(x) -> None:
    """New units, agencies, schemes and strategies named by a head noun: "Violence Reduction Unit",
    "the Best Use of Stop and Search scheme", "the Modern Crime Prevention Strategy 2016", "the
    National Association of Police and Crime Commissioners", "its counter-corruption unit"; and
    first, things described and then named ("..., known as WECTU": `propose_named_as`)."""
    propose_named_as(x)
    _propose_defined_inspections(x)
    stop = P.FUNCTION_WORDS
    for block in x.blocks:
        doc = block.doc
        for i, head in enumerate(doc):
            kind = P.UNIT_HEADS.get(head.lower_) or P.NAMED_HEADS.get(head.lower_)
            if not kind or (i + 1 < len(doc) and doc[i + 1].is_title and not doc[i + 1].is_sent_start
                            and doc[i + 1].lower_ not in P.POST_AFTER_BODY):
                continue  # (but "Police Federation Chair Steve Kent": the body, then a post)
            later = [t for t in doc[i + 1:i + 4] if t.is_alpha and t.is_lower and t.lower_ not in stop]
            # (A capitalised head's name before a noun is still a name: "my Police and Crime Plan priority areas".)
            if later and (later[0].i == i + 1) and not (head.is_title and _proper_start(doc, i) < i - 1) and (
                    later[0].lower_.endswith(P.NOUN_ENDINGS) or any(
                    t.lower_ in P.UNIT_HEADS for t in later) or later[0].lower_ in P.HEAD_MODIFIES
                    or head.is_lower and later[0].lower_ in P.LOWER_HEAD_MODIFIES):
                continue  # the head is a modifier: "multi-agency prevention", "team leaders", "inspection report"
            first = _name_start(doc, i, stop)
            if first is None:
                continue
            if P.NAMED_HEADS.get(head.lower_) in ("Inspection", "Initiative") and _pillar_inspection(
                    x, block, doc, first, i):
                continue
            proper = _proper(doc[first]) or doc[first].lower_ in ("his", "her") or doc[first].is_sent_start and (
                doc[first].is_title and first < i and _proper(doc[first + 1]))
            if head.lower_ in P.NAMED_HEADS and head.lower_ not in P.UNIT_HEADS and not (
                    proper or _dated(doc, first, head) or head.is_lower and P.NAMED_HEADS[head.lower_] == "Inspection"
                    or doc[first].lower_ == "national" or first > 0 and doc[first - 1].lower_ in ("its", "my", "our")):
                continue  # "a plan": a scheme or strategy is named by capitalised words, or as the nation's one
                # ("a national action plan", "the national vetting policy") or the writer's ("my police and
                # crime plan"); an inspection by its subject
            if head.lower_ in P.NAMED_HEADS and first < i and {t.text for t in doc[first:i]} <= P.COMMON_ACRONYMS:
                continue  # "the IT system": a common noun in capitals names none
            if P.NAMED_HEADS.get(head.lower_) == "Tactic" and not _method_acronym(x, block, doc[first:i]):
                continue
            if head.is_lower and (head.lower_ in P.CAPITALISED_HEADS
                                  or head.lower_ in P.TITLE_ONLY_HEADS and not proper):
                continue
            if P.NAMED_HEADS.get(head.lower_) in ("Inspection", "Initiative") and i - first == 1 and any(
                    h.first_token == first for h in x.hits_in(*block.token_span(doc[first], doc[first]))):
                continue  # "the PEEL inspection", "the HMICFRS review": the known name's own, not a new one
            if P.NAMED_HEADS.get(head.lower_) in ("Inspection", "Initiative") and head.is_lower and all(
                    t.is_upper or P.NAMED_HEADS.get(t.lower_) == "Inspection" for t in doc[first:i] if t.is_alpha
            ) and first < i and i - first <= 2 and doc[first].is_upper:
                continue  # "a separate HMICFS inspection", "the CDI programme", "The PEEL inspection programme": a
                # programme's acronym, not a name
            if head.is_lower and first < i and not (i + 1 < len(doc) and doc[i + 1].lower_ in ("of", "for")) and any(
                    h.first_token == first and h.last_token == i - 1 and x.gazetteer.type_of(h.entity) in _BODIES
                    for h in x.hits_in(*block.token_span(doc[first], doc[i - 1]))):
                continue  # "a Home Office initiative": a known body's, unnamed
            if _dated(doc, first, head):
                first -= 1  # "our 2016 child protection inspection"
            last = _name_end(doc, i) if head.is_title or head.is_upper else i
            if last + 1 < len(doc) and doc[last + 1].text == ":":
                continue  # a form's or a list's label ("Type of Inspection: ..."), not a name in the text
            while first < i and doc[first].lower_ in P.TEMPORAL_MODIFIERS:
                first += 1  # "our last crime data integrity inspection": the inspection, not the last one
            start, end = block.token_span(doc[first], doc[last])
            if _cut_at_end(x, start, end):
                continue
            bracketed = _bracketed_short_before(doc, first)
            quote_start = block.token_span(doc[bracketed], doc[bracketed])[0] if bracketed is not None else start
            # A unit may be named after its parent ("HMICFRS Press Office"): the parent's name stays its own.
            # (Or its owner, a known name begun before it: "the Chief Constable" of "the Chief Constable’s Improvement
            # Plan".)
            after = max([h.end for h in x.hits_in(max(0, start - 80), end) if h.start == start or (
                h.start < start < h.end and re.match(r"[’']s\b", x.text[h.end:h.end + 3]))] or [start])
            # A known name in the tail is part of this one ("the Crime Survey for England and Wales").
            head_end = block.token_span(head, head)[1]
            if after >= end or x.claimed_by(after, head_end if last > i else end) and not _body_of_post(
                    x, flat(doc[first:last + 1].text)):
                continue
            label = flat(doc[first:last + 1].text)
            if bracketed is not None:
                label = f"{doc[bracketed + 1].text} {label}"  # "(HMICFRS) Improvement Plan": "HMICFRS Improvement Plan"
            label = label[0].upper() + label[1:]
            if _glossed_by_known_short(x, start, end) or _named_in_full_before(x, kind, label, start, end):
                continue
            # Another force's unit of that name is not the one the text calls its own ("its counter-corruption
            # unit"), nor is another force's plan the one a text about this force names (West Yorkshire's "the
            # Police and Crime Plan" when the graph knows Kent's): a new entity.
            known = x.gazetteer.lookup(label)
            own = _owned_by_another(x, known) or (
                first > 0 and doc[first - 1].lower_ == "its" and _anothers_unit(x, known))
            x.entity(kind, label, quote_start, end, reuse=not own)
            x.claim(quote_start, end)
    propose_operations(x)


def _propose_defined_inspections(x) -> None:
    """An inspection series the text names by words it defines an acronym for, in lower case as the inspectorate
    writes them ("the joint targeted area inspections (JTAI) of child protection"): a name, as its capitalised form
    would be. (Not one the graph knows by either form.)"""
    for acronym in x.draft.acronyms:
        words = acronym["long"].split()
        if len(words) < 3 or fold(words[-1]) not in ("inspection", "inspections") or "offsets" not in acronym:
            continue
        if x.gazetteer.lookup(acronym["short"]) or x.gazetteer.lookup(acronym["long"]):
            continue
        x.entity("Inspection", acronym["long"], *acronym["offsets"], aliases=[acronym["short"]])


def _pillar_inspection(x, block, doc, first: int, i: int) -> bool:
    """Whether an inspection (or its programme) is named only by a PEEL pillar, or by the word for a force, with
    the programme's or the inspectorate's known name: "the Effectiveness Inspection", "HMIC EFFICIENCY INSPECTION"
    (a line in capitals), "its PEEL: Effectiveness inspection programme", "PEEL Force Inspection". That is PEEL's
    inspection of a pillar or of a force, the programme named, not a new name; but the inspectorate's name and the
    pillar in title case are the inspectorate's title for it ("Today’s HMICFRS Effectiveness Inspection report")."""
    if first >= i:
        return False
    known = set()
    hits = x.hits_in(*block.token_span(doc[first], doc[i - 1]))
    for hit in hits:
        known.update(range(hit.first_token, hit.last_token + 1))
    own = [t for t in doc[first:i] if t.is_alpha and t.i not in known]
    if doc[i].is_title and all(t.is_title for t in own) and any(
            x.gazetteer.type_of(h.entity) == "Inspectorate" for h in hits):
        return False  # the inspectorate's own title for it, in title case: "Today’s HMICFRS Effectiveness Inspection"
    words = {t.lower_ for t in own}
    return bool(words & P.PILLAR_WORDS) and words <= P.PILLAR_WORDS | {"and", "police", "inspection"}


def _cut_at_end(x, start: int, end: int) -> bool:
    """Whether a name runs into the end of a stored text cut off: it ends the text, and either the first words of a
    name the graph knows ("Notes for Editors" / "Her Majesty’s Inspectorate of Constabulary and Fire", HMICFRS's cut
    before "& Rescue Services"), or mid-sentence in a capitalised fragment of one or two letters that is no word of a
    name, not an acronym ("... refers relevant cases to the Independent Office of Police Co"). A name alone on the
    last line, a signature, is whole."""
    if x.text[end:].strip():
        return False
    words = name_words(Doc(flat(x.text[start:end])))
    known = {i for name, ids in x.gazetteer.names.items() if len(name) > len(words) and name[:len(words)] == words
             for i in ids}
    if known:
        evidence = x.quote(start, end, unique=False) if len(known) == 1 else {}
        if evidence:  # that body, cut short by the store: a mention of it
            x.draft.mentions.append({"entity": known.pop(), **evidence})
        x.claim(start, end)
        return True
    last = re.search(r"(\w+)\s*$", x.text[:end])
    if not last or len(last.group(1)) > 2 or not last.group(1).istitle():
        return False
    line_start = x.text.rfind("\n", 0, start) + 1
    return bool(x.text[line_start:start].strip())


def _bracketed_short_before(doc, first: int) -> int | None:
    """The "(" token of a short form in brackets just before a name, which names it with the name: "His Majesty’s
    Inspectorate ... (HMICFRS) Improvement Plan" is the HMICFRS Improvement Plan."""
    if first >= 3 and doc[first - 1].text == ")" and doc[first - 3].text == "(" and doc[first - 2].is_upper and (
            doc[first - 2].is_alpha and len(doc[first - 2].text) >= 2):
        return first - 3
    return None


def _method_acronym(x, block, words) -> bool:
    """Whether the words before a method's head ("model", "assessments") are an acronym naming it, maybe with
    lower-case words ("THRIVE risk"): one the graph does not know (not "the PEEL assessment") and the text does
    not define as something else ("OPCC")."""
    names = [t for t in words if not t.is_lower]
    defined = {a["short"] for a in x.draft.acronyms}
    return len(names) == 1 and names[0].is_upper and len(names[0].text) >= 3 and names[0].is_alpha and (
        names[0].text not in defined | P.COMMON_ACRONYMS) and not x.hits_in(*block.token_span(names[0], names[0]))


def _body_of_post(x, name: str) -> bool:
    """Whether `name` opens a post graph.ingest.people proposed ("South Yorkshire Police Federation Chair"), or
    ends it after "of" ("Chair of the Association of Police and Crime Commissioners"): the body is named in the
    post's passage, and is an entity of its own. (After "of", a body named with "the" or by its head: not the
    post's own title, "Chief Inspector of Constabulary and Fire & Rescue Services".)"""
    body = fold(name)
    the = "(?:the\\s+)?" if body.split()[0] in P.UNIT_HEADS or body.split()[0] in P.NAMED_HEADS else "the\\s+"
    return any(e["type"] == "Post" and (
        fold(e["label"]).startswith(body + " ") and fold(e["label"])[len(name) + 1:].split()[0] in P.POST_AFTER_BODY
        or re.search(r"\b(?:of|for)\s+" + the + re.escape(body) + "$", fold(e["label"])))
        for e in x.draft.entities)


def _named_in_full_before(x, kind: str, label: str, start: int, end: int) -> bool:
    """A body's name cut short, the text having given it in full before: "His Majesty’s Inspectorate" after "His
    Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)" is that body, a mention of it."""
    short = fold(label) + " "
    if kind in _BODIES or kind == "Inspection":
        # A body the draft proposes, named in full before: "the Criminal Justice Inspection is disappointed" after "the
        # Criminal Justice Inspection Northern Ireland (CJI)", the same body (a new entity's name, no mention of it).
        if any(e["type"] in _BODIES and e.get("offsets", [end])[0] < start and fold(e["label"]).startswith(short)
               for e in x.draft.entities):
            x.claim(start, end)
            return True
    if kind not in _BODIES:
        return False
    named = [m for m in x.draft.mentions if x.gazetteer.type_of(m["entity"]) == kind
             and m.get("offsets", [end])[0] < start and fold(m["quote"]).startswith(short)]
    named += [m for m in (_mention_of(x, h) for h in x.hits if h.end <= start and x.gazetteer.type_of(h.entity) == kind)
              if fold(m["quote"]).startswith(short)]
    evidence = named and x.quote(start, end, unique=False)
    if evidence:
        x.draft.mentions.append({"entity": named[0]["entity"], **evidence})
        x.claim(start, end)
    return bool(evidence)


def _mention_of(x, hit: Hit) -> dict:
    return {"entity": hit.entity, "quote": flat(x.text[hit.start:hit.end])}


def _glossed_by_known_short(x, start: int, end: int) -> bool:
    """A name followed by a known entity's short form in brackets names that entity, however it is spelled
    ("Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)", its "Her" dropped): a
    mention of it, for the reviewer to add the spelling as an alias."""
    after = P.SHORT_AFTER.match(x.text[end:end + 14])
    known = after and x.gazetteer.lookup(after.group("short"))
    if not known or _owned_by_another(x, known) or x.gazetteer.type_of(known) in ("PoliceForce", "Person", "Post"):
        return False
    evidence = x.quote(start, end, unique=False)
    if evidence:
        x.draft.mentions.append({"entity": known, **evidence})
        x.claim(start, end)
    return bool(evidence)


def propose_operations(x) -> None:
    """Named police operations: "Operation Seabrook" (an Initiative), unless the graph knows it; and IT systems
    named after the word for them ("community messaging system Derbyshire Alert": a System)."""
    for start, end, name in _in_blocks(x, P.OPERATION):
        if x.claimed_by(start, end) or x.hits_in(start, end):
            continue
        x.entity("Initiative", flat(name), start, end)
        x.claim(start, end)
    for start, end, name in _in_blocks(x, P.SYSTEM_THEN_NAME, "name"):
        if x.claimed_by(start, end) or x.hits_in(start, end) or name in P.COMMON_ACRONYMS:
            continue
        x.entity("System", flat(name), start, end)
        x.claim(start, end)


def _anothers_unit(x, entity: str) -> bool:
    """Whether the known `entity` belongs to forces other than the report's subject."""
    tied = x.gazetteer.tied.get(entity) if entity else None
    return bool(tied) and x.subject not in tied and x.gazetteer.type_of(entity) != "PoliceForce"


def _owned_by_another(x, entity: str) -> bool:
    """Whether the known `entity` is another force's own (its id says so: "policy/kent-police-and-crime-plan"),
    not the report's subject's."""
    tied = x.gazetteer.tied.get(entity, set()) if entity else set()
    return x.subject not in tied and any(entity.split("/", 1)[1].startswith(force.split("/", 1)[1] + "-")
                                         for force in tied)


def _dated(doc, first: int, head) -> bool:
    """An inspection or review named by its year ("our 2016 child protection inspection")."""
    return head.lower_ in ("inspection", "review") and head.is_lower and first > 0 and bool(
        re.fullmatch(r"(?:19|20)\d\d", doc[first - 1].text)) and first < head.i


def _proper(token) -> bool:
    """A word of a proper name: capitalised or an acronym, not a sentence's first word."""
    return (token.is_title or token.is_upper) and token.is_alpha and not token.is_sent_start


def _name_end(doc, i: int) -> int:
    """The last token of a name whose head is token i: "Strategy 2016", "Plan for Norfolk",
    "Association of Police and Crime Commissioners", "Vision for 2025"."""
    k = i + 1
    if k < len(doc) and re.fullmatch(r"(?:19|20)\d\d", doc[k].text):
        return k
    if k + 1 < len(doc) and doc[k].lower_ in P.NAME_TAILS:
        if re.fullmatch(r"(?:19|20)\d\d", doc[k + 1].text):
            return k + 1
        last = i
        k += 1
        if doc[k].lower_ == "the" and k + 1 < len(doc) and doc[k + 1].is_title:
            k += 1  # "Office of the Police and Crime Commissioner"
        while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha:
            last = k
            if k + 2 < len(doc) and doc[k + 1].lower_ in ("and", "&") and doc[k + 2].is_title:
                k += 1
            k += 1
        return last
    return i


def _name_start(doc, i: int, stop) -> int | None:
    """The first token of a name whose head is token i, or None when the words before it do not name
    anything: capitalised words ("Violence Reduction Unit", "His Majesty’s Inspectorate"), or lower-case
    ones that name a function ("counter-corruption unit", "domestic abuse scrutiny panel", not
    "senior management team"), maybe after a proper name ("Lancashire violence reduction network",
    "the Best Use of Stop and Search scheme")."""
    head = doc[i]
    if head.is_title or head.is_upper:
        first = _proper_start(doc, i)
        # A head may open its name, what it is of or for after it: "the College of Policing", "the
        # Ministry of Justice", "the Office of the Police and Crime Commissioner".
        return first if first < i or _name_end(doc, i) > i + 1 else None
    k = i - 1
    modifiers = []
    hyphenated = False
    while k >= 0 and len(modifiers) < 4:
        token = doc[k]
        if token.text == "-" and not token.whitespace_ and k > 0 and not doc[k - 1].whitespace_:
            if doc[k - 1].lower_ in _PREFIXES:
                break  # "re-inspection", "pre-inspection": one word, not a modifier and a head
            hyphenated = True
            k -= 1
            continue
        # (One word each side of "and" before a singular head: the plural is the kind of body, "police forces and
        # fire and rescue services".)
        if token.lower_ == "and" and len(modifiers) == 1 and k > 0 and doc[k - 1].is_lower and not (
                head.lower_.endswith("s") and head.lower_ in P.UNIT_HEADS) and (
                doc[k - 1].is_alpha and doc[k - 1].lower_ not in stop):
            modifiers.insert(0, doc[k - 1].lower_)  # "accountability and standards team", one word each side
            k -= 2
            break
        lower = token.is_lower or (token.is_sent_start and token.is_title)
        if not (token.is_alpha and lower) or token.lower_ in stop or token.lower_ in _STOP_LEADS:
            break
        if token.text.endswith(("ly", "ive", "ful", "ous", "ble")):
            break
        if k > 0 and doc[k - 1].lower_ in P.MODALS:
            break
        if k > 0 and doc[k - 1].lower_ in _AUX and token.text.endswith(("ed", "ing", "s")):
            break
        modifiers.insert(0, token.lower_)
        k -= 1
    first = k + 1
    if doc[first].text == "-":
        first += 1
        hyphenated = False
    proper = _proper_start(doc, first) if first > 0 and _proper(doc[first - 1]) else first
    if proper < first:
        return proper
    if (modifiers and _the_forces(doc, first) and not head.lower_.endswith("s")
            and P.UNIT_HEADS.get(head.lower_, P.NAMED_HEADS.get(head.lower_)) in ("Unit", "Initiative")
            and not set(modifiers) <= P.WEAK_MODIFIERS | P.GENERIC_MODIFIERS | P.TEMPORAL_MODIFIERS):
        return first  # a force's own unit or scheme: "its contact management department", "its central
        # safeguarding unit", "Its integrated offender management scheme", "the force’s prevention directorate"
    if modifiers and modifiers[0].endswith("ing"):
        return None  # "establishing partnerships", "policing service": a verb or a generic gerund
    strong = [m for m in modifiers if m not in P.WEAK_MODIFIERS | P.GENERIC_MODIFIERS | P.TEMPORAL_MODIFIERS]
    # (One word of function names a unit whose head no text uses for a kind of body: "a crime bureau", "an ethics
    # board"; not "a response team".)
    return first if len(strong) >= 2 or (strong and hyphenated) or (
        strong and head.lower_ in P.SINGULAR_UNIT_HEADS) else None


def _the_forces(doc, first: int) -> bool:
    """Whether the words before token `first` give a force as its owner: "its", "the force’s", "the
    constabulary’s"."""
    if first > 0 and doc[first - 1].lower_ == "its":
        return True
    return first > 1 and doc[first - 1].text in ("’s", "'s") and doc[first - 2].lower_ in ("force", "constabulary")


def _proper_start(doc, i: int) -> int:
    """The first of the capitalised words (and joiners: "of", "and", "’s") before token i."""
    first = i
    k = i - 1
    while k >= 0:
        token = doc[k]
        if (token.is_title or token.is_upper) and token.is_alpha and token.lower_ not in _STOP_LEADS:
            first = k
        elif token.lower_ in ("his", "her") and k + 1 < len(doc) and doc[k + 1].lower_ == "majesty":
            first = k
        elif token.text in P.NAME_JOINERS and k > 0 and (doc[k - 1].is_title or doc[k - 1].is_upper):
            if token.lower_ == "and" and doc[k - 1].is_title and doc[k - 1].lower_ in P.UNIT_HEADS:
                break  # a body's head, then "and": a list of two bodies ("the Care Quality Commission and ...")
            pass
        else:
            break
        k -= 1
    return first
