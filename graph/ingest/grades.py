"""Graded judgements: an inspection's grade for an assessed area, in every form the inspectorate and forces write them.

The forms, in the order propose_judgements reads them:

- lines that give an area and its grade ("Investigating crime: Requires improvement", "· Crime Prevention –
  Good"), read line by line even where a block runs them together (area_grade_lines);
- tables, each cell on its own line: a grade heading the areas below it, or an area above its grade
  (grade_tables, area_grade);
- an inspection's question, then its grade alone on a line ("How legitimate is the force at ...?" /
  "Good"); a page's question ("Looking for Norfolk Police?") is no area (inspection_question);
- prose (prose_grades), one grammar of "<areas> <verb of grading> <grade>" and "<subject> <verb> <grade>
  <cue> <areas>": "is good at A, B and C", "rated the force good at", "A and B were deemed to require
  improvement", "graded 'adequate' in the areas of", "Good – in A and B", "• good in A;", "has an
  outstanding approach to", "judged to be outstanding in its A", "inadequate when responding to ...",
  "X Police’s A also requires improvement", "downgraded from 'good' to 'requires improvement'" (the grade it
  now has); a grade whose areas are the bullets below it ("we assessed the force as good at:",
  bulleted_areas); a grade given to the force as a whole takes the report's area, from its title or text
  ("PEEL Efficiency Report 2016", "Overall judgment / graded good": report_area), not another force's ("Two
  forces were graded ...") nor an earlier report's ("... in the same area last month"); "the same as last
  year" is also the round before's grade, as is "last year’s Efficiency assessment of ‘Inadequate’";
- round 3's general forms: a flattened table's "Area Grade" rows; the grade as the verb of the area before it
  ("performance within the ‘X’ category required improvement"); the grade inside the subject naming the areas
  ("Areas found to require improvement were A, B"); another force than the report's as the clause's subject
  ("... while North Wales was graded ..."); "in respect of", "across four areas:", "requires improvement to
  its X", "performance in relation to", "an overall grading of" (the pillar the sentence names); a grade only
  hoped for ("for it to be judged as ‘outstanding’") is none.

Areas are named as the inspectorate names them (canonical_area, from extraction_patterns.PEEL_AREAS, whose
groups hold an area's names of several rounds; a phrase may name one by most of its name, _shortened) and,
where the graph has it, as the graph's area of the report's round, never another round's (known_area; the
round from the title or opening, "PEEL 2017", else the round its own area names tell, else the date:
report_round). The scale is five-point from 2021/22, or where the text grades "adequate" (scale).
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.text import flat, fold


def area_entity(x, label: str, start: int, end: int, wording: str = "") -> str:
    """A new area so labelled; the text's own wording of it ("keeping vulnerable people safe" for
    "Protecting vulnerable people") becomes an alias, for the reviewer to match it with the graph's, and
    so do the inspectorate's other names of it ("Recording data about crime" for "Crime data integrity";
    names of two words or more, never a bare "investigation")."""
    label = flat(label).strip(" ,.;:")
    label = label[0].upper() + label[1:]
    wording = flat(wording).strip(" ,.;:?‘’'\"“”")
    wording = wording[:1].upper() + wording[1:]
    names = [n[:1].upper() + n[1:] for n in P.PEEL_AREAS.get(label, ()) if len(n.split()) >= 2]
    # the graph's area so named is this one unless it is another PEEL round's ("Preventing crime" of 2021/22
    # is not the one a 2019 report grades)
    known = x.gazetteer.lookup(label)
    other_round = bool(known) and known.startswith("area/peel-") and any(
        known.startswith(f"area/peel-{r}-") for r in ROUNDS if r != report_round(x))
    area_id = x.entity("AssessedArea", label, start, end, aliases=[wording, *names] if wording else names,
                       reuse=not other_round)
    record = x.new_entities.get(fold(label).rstrip("s"))
    if wording and record and record["id"] == area_id and fold(wording) != fold(label):
        aliases = record.setdefault("aliases", [])
        if wording not in aliases:
            aliases.append(wording)
    return area_id


def peel_round(date: str) -> str:
    """The PEEL round a report of `date` belongs to ('2016', '2018-19', '2021-22', '2023-25'), or ''."""
    year = re.match(r"\d{4}", date or "")
    if not year:
        return ""
    y = int(year.group())
    if 2014 <= y <= 2017:
        return str(y)
    return {2018: "2018-19", 2019: "2018-19", 2020: "2018-19", 2021: "2021-22", 2022: "2021-22"}.get(
        y, "2023-25" if 2023 <= y <= 2025 else "")


# A PEEL round named in a title or text: "North Yorkshire PEEL 2017", "PEEL 2018/19", "PEEL 2021/22".
_ROUND = re.compile(r"(?i)\bPEEL\b[^.\n]{0,60}?\b(?P<year>20[12]\d)(?:\s*[/–-]\s*(?P<to>\d\d)\b)?")


def report_round(x) -> str:
    """The PEEL round of the report: the one its title or opening names, else the one whose own area names
    it grades (two of one round's, none of another's: extraction_patterns.ROUND_AREA_NAMES) when that is not
    before its date's, else the one of its date (a round's reports come out into the next year: PEEL 2017
    effectiveness in March 2018)."""
    if not hasattr(x, "_round"):
        found = _ROUND.search(x.title) or _ROUND.search(x.text[:3000])
        dated = peel_round(x.date)
        worded = "" if found else _round_by_area_names(x.text)
        if found:
            x._round = peel_round(found.group("year"))
        elif worded and (not dated or ROUNDS.index(worded) >= ROUNDS.index(dated)):
            x._round = worded
        else:
            x._round = dated
    return x._round


# Each round's own area names as one pattern (spaces as any white space), searched in the text as it is.
_ROUND_NAMES = {round_: re.compile(r"(?i)\b(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
                                   + r")\b") for round_, names in P.ROUND_AREA_NAMES.items()}


def _round_by_area_names(text: str) -> str:
    named = {round_: {fold(" ".join(m.group().split())) for m in pattern.finditer(text)}
             for round_, pattern in _ROUND_NAMES.items()}
    named = {round_: names for round_, names in named.items() if names}
    if len(named) != 1:
        return ""
    round_, names = named.popitem()
    return round_ if len(names) >= 2 else ""


ROUNDS = ("2014", "2015", "2016", "2017", "2018-19", "2021-22", "2023-25")


def previous_round(round_: str) -> str:
    return ROUNDS[ROUNDS.index(round_) - 1] if round_ in ROUNDS[1:] else ""


def known_area(x, label: str, round_: str = "") -> str:
    """The graph's area of this report's round (or of `round_`) so labelled ('Investigating crime (PEEL
    2018/19)' for 'Investigating crime' in 2019); an area of another round is not this one."""
    found = x.gazetteer.lookup(label)
    if found and x.gazetteer.type_of(found) != "AssessedArea":
        return found
    round_ = round_ or report_round(x)
    if not round_:
        return ""
    want, canonical = fold(label), canonical_area(label)
    # the round's area so named, else named otherwise ("Treating the people it serves with fairness and
    # respect" for "Fair treatment of the public")
    areas = _round_areas(x, round_)
    found = next((i for i, names, _ in areas if want in names), "") or next(
        (i for i, _, canonicals in areas if canonical and canonical in canonicals), "")
    if found or not canonical:
        return found
    # the round's one area whose name starts with this one ("Preventing crime" in 2018/19 is its question
    # on "preventing crime, tackling anti-social behaviour and keeping people safe")
    start = _stems(canonical)
    longer = {i for i, _, canonicals in areas for c in canonicals if _stems(c)[:len(start)] == start}
    return longer.pop() if len(longer) == 1 else ""


def _area_labels(x) -> set[str]:
    """The folded labels of the graph's areas, without their round ("recording data about crime")."""
    if not hasattr(x, "_area_labels"):
        x._area_labels = {fold(re.sub(r"\s*\((?:PEEL|peel)[^)]*\)\s*$", "", e.label))
                          for e in x.gazetteer.entities.values() if e.type == "AssessedArea"}
    return x._area_labels


def _round_areas(x, round_: str) -> list[tuple[str, set[str], set[str]]]:
    """The graph's areas of a round: (id, folded names, the inspectorate's names they map to), made once."""
    if getattr(x, "_round_areas", (None,))[0] != round_:
        areas = []
        for entity_id, entity in x.gazetteer.entities.items():
            if entity.type == "AssessedArea" and entity_id.startswith(f"area/peel-{round_}-"):
                names = {re.sub(r"\s*\((?:PEEL|peel)[^)]*\)\s*$", "", n) for n in (entity.label, *entity.aliases)}
                areas.append((entity_id, {fold(n) for n in names}, {canonical_area(n) for n in names} - {""}))
        x._round_areas = (round_, areas)
    return x._round_areas[1]


def scale(x) -> str:
    year = re.match(r"\d{4}", x.date)
    if year and int(year.group()) >= 2021 or report_round(x) in ("2021-22", "2023-25"):
        return "five-point"
    return "five-point" if re.search(r"(?i)[‘'\"“]adequate[’'\"”]|\badequate\b\W*$", x.text) else "four-point"


def propose_judgements(x) -> None:
    seen = set()
    questions: list[tuple[str, str]] = []  # (area id, folded label)
    on_scale = scale(x)

    def add(area_id: str, grade: str, start: int, end: int, inspection: str = "", on: str = "",
            force: str = "") -> None:
        grade = _grade_word(grade)
        if not area_id or (area_id, grade, force) in seen or (area_id, "", force) in seen:
            return
        evidence = x.quote(start, end)
        if not evidence:
            return
        seen.add((area_id, grade, force))
        x.draft.judgements.append({
            "id": x.new_id("judgement/", f"{x.source}-{area_id.split('/', 1)[1]}"),
            "subject": force or x.subject, "inspection": inspection or x.inspection(), "area": area_id,
            "grade": f"{on or on_scale}/{P.GRADES[fold(' '.join(grade.split()))]}", **evidence})

    def add_labelled(label: str, grade: str, start: int, end: int, quoted: bool, wording: str = "",
                     earlier: bool = False, force: str = "") -> None:
        key = fold(label)
        if (key, grade, earlier, force) in labelled:
            return
        labelled.add((key, grade, earlier, force))
        if earlier:  # the same grade in the round before ("the same grading as they received last year")
            round_ = previous_round(report_round(x))
            if round_:
                area_id = known_area(x, label, round_) or area_entity(
                    x, f"{label} (PEEL {round_.replace('-', '/')})", start, end)
                inspection = f"inspection/peel-{round_}"
                add(area_id, grade, start, end, inspection if inspection in x.gazetteer.entities else "",
                    "five-point" if round_ in ("2021-22", "2023-25") else "four-point", force)
            return
        # the round's area as the text words it ("Disrupting serious organised crime" in 2022), else the
        # inspectorate's name the wording maps to
        area_id = (known_area(x, wording) if wording else "") or known_area(x, label) or _new_area(x, label)
        if not area_id and fold(wording) in {fold(n) for n in P.PEEL_AREAS.get(label, ())} & _area_labels(x):
            label = wording  # the text's own name of it, a round's name of it ("Recording data about crime")
        add(area_id or area_entity(x, label, start, end, wording), grade, start, end, force=force)
        if force:
            return  # another force's grade: not the report's areas
        if label in PILLARS.values() and _ASKED_OF_EVERY_PILLAR.search(fold(wording)) and not re.search(
                r"(?i)\b(?:effective|efficient|legitimate)", wording) and x.draft.judgements:
            whole.append(x.draft.judgements[-1])
        else:
            graded.append(label)

    labelled: set[tuple] = set()
    lead = None  # a grade whose areas are the bullets below it: (grade, offset)
    whole: list[dict] = []  # judgements of "keeping people safe and reducing crime", no pillar named
    graded: list[str] = []  # the other areas graded, by the inspectorate's names
    x.graded_lines = area_grade_lines(x, add_labelled)
    table = grade_tables(x)
    for number, block in enumerate(x.blocks):
        doc = block.doc
        if number in table:
            for grade_block in table[number]:
                area_grade(x, block, grade_block, add_labelled)
            if block.grade_line:
                continue
        if block.question and inspection_question(doc.text):
            area_id = question_area(x, doc.text, block)
            if area_id and (not questions or questions[-1][0] != area_id):
                questions = [q for q in questions if q[0] != area_id] + [(area_id, fold(doc.text))]
            continue
        if block.grade_line:
            grades = list(P.GRADE_WORD.finditer(x.text, block.start, block.end))
            for match, (area_id, _) in zip(grades, questions[-len(grades):], strict=False):
                add(area_id, match.group(), match.start(), match.end())
            questions = []  # a question is graded once: a later grade line is not its grade
            continue
        bullet = P.BULLET.match(doc.text) if lead else None
        if bullet:
            bulleted_areas(x, block, bullet.end(), lead, add_labelled)
            continue
        lead = prose_grades(x, block, add_labelled)
    _settle_pillar(x, whole, graded)


def bulleted_areas(x, block, begin: int, lead: tuple[str, int], add) -> None:
    """A bullet under a grade that heads a list ("we assessed the force as good at:" / "• preventing crime
    and tackling anti-social behaviour; and"): its areas, quoted from the grade when the list is short."""
    grade, grade_start = lead
    text = block.doc.text
    segment = text[begin:]
    stop = _STOP.search(segment)
    for a, b, label, quoted, wording in _areas_in(text, begin, segment[:stop.start()] if stop else segment, True):
        start, end = block.span(a, b)
        add(label, grade, grade_start if end - grade_start <= 400 else start, end, quoted, wording)


def _settle_pillar(x, whole: list[dict], graded: list[str]) -> None:
    """Every pillar of 2014-2017 was asked "at keeping people safe and reducing crime" ("How legitimate is
    the force at ..."): written without its pillar, that is the pillar whose questions the text grades."""
    pillars = {P.AREA_PILLAR[label] for label in graded if label in P.AREA_PILLAR}
    if len(pillars) != 1 or not whole:
        return
    pillar = pillars.pop()
    area_id = known_area(x, pillar)
    for judgement in whole:
        if not area_id or judgement["area"] == area_id:
            continue
        if any(j["area"] == area_id and j["grade"] == judgement["grade"] for j in x.draft.judgements):
            x.draft.judgements.remove(judgement)  # the pillar's grade is proposed already
        else:
            judgement["area"] = area_id

# ---------------------------------------------------------------------------- questions and tables
# The inspectorate's questions: "How effective is the force at ...?", "To what extent does the force ...?"
_QUESTION = re.compile(r"(?i)^\s*(?:how|to\s+what\s+extent)\b")
_QUESTION_HEAD = re.compile(
    r"(?i)^\s*(?:how|to\s+what\s+extent)\s+(?:(?P<pillar>effective|efficient|legitimate)(?:ly)?\s+|well\s+)?"
    r"(?:is|does|do|are)\s+(?:the\s+)?(?:force|constabulary|service)\s+(?:at\s+)?")
# What the pillar questions ask about, whichever pillar: "keeping people safe and reducing crime" was asked
# of effectiveness and of legitimacy (2015), so the question's adjective names the pillar.
_WHOLE_OF_POLICING = re.compile(
    r"(?i)(?:keep\w*\s+people\s+safe\s+and\s+reduc\w*\s+crime|reduc\w*\s+crime\s+and\s+keep\w*\s+people\s+safe"
    r"|treat\w*\s+the\s+public\s+and\s+its\s+workforce|operat\w*\s+(?:efficiently|sustainably)\b.*)\W*$")
PILLARS = {"effective": "Effectiveness", "efficient": "Efficiency", "legitimate": "Legitimacy"}
# Of those, what every pillar was asked about in 2014-2017: without its pillar's word it names none
# ("treats the public and its workforce" is legitimacy's alone, as "operates efficiently" is efficiency's).
_ASKED_OF_EVERY_PILLAR = re.compile(
    r"(?i)keep\w*\s+people\s+safe\s+and\s+reduc\w*\s+crime|reduc\w*\s+crime\s+and\s+keep\w*\s+people\s+safe")


def inspection_question(text: str) -> bool:
    """Whether a line ending in '?' is an inspection's question ('How effective is the force at ...?'),
    not a page's ('Looking for Norfolk Police?')."""
    return bool(_QUESTION.match(text))


def question_label(text: str) -> str:
    """The inspectorate's name of the area a question asks about, or ''."""
    head = _QUESTION_HEAD.match(text)
    if head:
        rest = text[head.end():].strip(" ?")
        if head.group("pillar") and (not rest or re.match(_WHOLE_OF_POLICING.pattern + r"\W*$", rest)):
            return PILLARS[head.group("pillar").lower()]
        return canonical_area(rest) or canonical_area(text)
    return canonical_area(text)


def question_area(x, text: str, block) -> str:
    known = x.gazetteer.lookup(text)
    if known:
        return known
    label = question_label(text)
    if label in PILLARS.values():
        return known_area(x, label) or area_entity(x, label, block.start, block.end, text)
    if label:  # the question names the area, as the inspectorate asks it; its usual name is an alias
        return known_area(x, label) or _new_area(x, label) or area_entity(x, text, block.start, block.end, label)
    return area_entity(x, text, block.start, block.end)


# A line that gives an area and its grade: "Investigating crime: Requires improvement", "· Crime Prevention – Good".
_AREA_GRADE_LINE = re.compile(
    r"(?im)^[ \t]*(?:[•▪●◦·*-][ \t]*)?(?P<area>[A-Z][^\n:–—]{2,90}?)[ \t]*[:–—-][ \t]*(?P<grade>outstanding|good"
    r"|adequate|requires?[ \t]+improvement|requiring[ \t]+improvement|inadequate)[ \t]*\.?[ \t]*$")


# A table's row flattened to "Area Grade", the grade capitalised ending the line, in a table of such rows or under
# its "Area Grade" header: "Preventing crime and antisocial behaviour Good" (hmicfrs-2024-british-transport-police-
# inspection).
_AREA_GRADE_ROW = re.compile(
    r"(?m)^[ \t]*(?P<area>[A-Z][^\n:–—]{2,90}?[a-z)])[ \t]+(?P<grade>Outstanding|Good|Adequate"
    r"|Requires[ \t]+[Ii]mprovement|Inadequate)[ \t]*$")
_TABLE_HEADER = re.compile(r"(?im)^[ \t]*areas?[ \t]+(?:grades?|judgements?|judgments?)[ \t]*$")


def _table_rows(text: str):
    """The rows of tables flattened to "Area Grade" lines: two rows in a row, or one under the header."""
    rows = list(_AREA_GRADE_ROW.finditer(text))
    for n, row in enumerate(rows):
        previous_line = text.rfind("\n", 0, max(row.start() - 1, 0))
        together = (n and text.count("\n", rows[n - 1].end(), row.start()) == 1) or (
            n + 1 < len(rows) and text.count("\n", row.end(), rows[n + 1].start()) == 1)
        if together or _TABLE_HEADER.match(text, previous_line + 1, max(row.start() - 1, 0)):
            yield row


def area_grade_lines(x, add) -> list[tuple[int, int]]:
    """Judgements of the lines that each give an area and its grade, where lines run on without blank
    lines between them (a block would read them as one sentence); the lines, for prose_grades to skip."""
    lines = []
    for match in (*_AREA_GRADE_LINE.finditer(x.text), *_table_rows(x.text)):
        area = match.group("area").strip()
        label = canonical_area(area) or (_clean_area(area) if _area_line(area) else "")
        if label:
            add(label, _grade_word(match.group("grade")), match.start("area"), match.end("grade"), False, area)
            lines.append((match.start(), match.end()))
    return lines


def _new_area(x, name: str) -> str:
    """The area this draft already proposes under `name` as label or alias (a question's usual name)."""
    want = fold(name)
    for record in x.new_entities.values():
        names = (record["label"], *record.get("aliases", ()))
        if record["type"] == "AssessedArea" and want in {fold(n) for n in names}:
            return record["id"]
    return ""


def _area_line(text: str) -> str:
    """The area a table's line names ("Developing a positive workplace (supporting and protecting the
    workforce)"), or '' for a line that is not one (a sentence, a heading of the page)."""
    text = " ".join(text.split())
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()
    if (not bare or len(bare.split()) > 10 or re.search(r"[.:;?!]$|\d", bare) or P.GRADE_LINE.match(bare)
            or not bare[:1].isupper()):
        return ""
    return bare if canonical_area(bare) or bare.split()[0].lower().endswith("ing") else ""


def grade_tables(x) -> dict[int, list[int]]:
    """Tables of areas and grades, each cell on its own line: block number of an area -> the block
    numbers of its grade lines. Two layouts: a grade, then the areas it grades ("Good / Preventing
    crime / Managing offenders / Adequate / ..."), or an area, then its grade ("Investigating crime /
    Good"). An inspection's question before a grade line is not a table (propose_judgements)."""
    blocks = x.blocks
    areas = [bool(not b.grade_line and not b.question and _area_line(b.doc.text)) for b in blocks]
    out: dict[int, list[int]] = {}
    grade_first = False
    asked = False  # an inspection's question not yet graded: the next grade line is its grade
    for n, block in enumerate(blocks):
        if block.question and inspection_question(block.doc.text):
            asked = True
        if not block.grade_line:
            continue
        if asked:
            asked = False
            continue  # a question's grade, maybe after its summary (propose_judgements)
        after = n + 1 < len(blocks) and areas[n + 1]
        before = n > 0 and areas[n - 1] and not (n > 1 and blocks[n - 2].grade_line and grade_first)
        if after and not (before and not grade_first):
            grade_first = True  # the grade heads the areas below it, up to the next grade line
            k = n + 1
            while k < len(blocks) and areas[k]:
                out.setdefault(k, []).append(n)
                k += 1
        elif before:
            grade_first = False
            out.setdefault(n - 1, []).append(n)
    return out


def area_grade(x, block, grade_block, add) -> None:
    """A table's area line and its grade line: one judgement, quoted from the one to the other."""
    area = _area_line(block.doc.text)
    grade_of = x.blocks[grade_block]
    match = P.GRADE_WORD.search(x.text, grade_of.start, grade_of.end)
    if not area or not match:
        return
    start, end = min(block.start, match.start()), max(block.end, match.end())
    label = canonical_area(area) or _clean_area(area)
    add(label, _grade_word(match.group()), start, end, False, area)


# ---------------------------------------------------------------------------- grades in prose
# A grade word, maybe in quotation marks: "good", ‘Requires Improvement’, "requiring improvement".
_GRADE = re.compile(
    r"(?i)(?<![\w-])(?P<open>[‘'\"“])?(?P<grade>outstanding|good|adequate|inadequate"
    r"|requir(?:es|ed|e|ing)\s+improvement|improvement\s+was\s+needed|needs?\s+improvement)(?P<close>[’'\"”])?(?![\w-])")
# What comes right after a grade and introduces the areas it grades ("good at", "'Adequate' in the areas of").
_FORWARD = re.compile(
    r"(?i)^\s*(?:[–—:-]\s*)?(?:grades?\s+|ratings?\s+|performance\s+)?(?:in\s+the\s+areas?\s+of|in\s+relation\s+to|in\s+respect\s+of"
    r"|when\s+it\s+c(?:ame|omes)\s+to"
    r"|in\s+its\s+ability\s+to|(?:in|for|at)\s+(?:the\s+way|how)\s+(?:it|the\s+force|the\s+constabulary)|in\s+terms\s+of"
    r"|across\s+(?:the\s+)?(?:[\w-]+\s+){0,4}areas?,?\s+(?:which\s+(?:also\s+)?)?includ(?:ing|ed?|es)|including|approach\s+to"
    r"|when(?=\s+\w+ing\b)|at|in|for|across)\s+")
# A dash or colon between an area and its grade on one line ("Crime Prevention – Good").
_DASH_BEFORE = re.compile(r"\s*[–—:-]\s*$")
# The verbs between the areas and the grade that follows them ("... have all been graded as").
# A grade changed ("downgraded from “good” to ...").
_CHANGED = (r"(?:downgraded|upgraded|changed|moved|improved|gone\s+(?:up|down)|dropped|fallen|fell|risen|rose|raised"
            r"|lowered)")
_VERBS_BEFORE = re.compile(
    r"(?i)(?<![\w’'-])\s*(?:,\s*)?(?:which\s+)?(?:(?:has|have|had)\s+)?(?:all\s+|also\s+|now\s+|again\s+|once\s+again\s+)?"
    r"(?:been\s+|be\s+|being\s+)?(?:(?:was|were|is|are|as)\s+)?(?:all\s+|also\s+|now\s+|overall\s+|already\s+|still\s+)?"
    r"(?:(?:graded|rated|ranked|judged|deemed|assessed|found|noted|considered)\s+)?(?:as\s+|to\s+be\s+|to\s+)?$"
    # a grade changed: "had been downgraded from “good” to “requires improvement”" grades it as it now stands
    r"|\s+(?:(?:has|have|had)\s+)?(?:been\s+)?" + _CHANGED + r"\s+from\s+\S+(?:\s+improvement)?\s+to\s+\W?$")
# Who is graded, between a verb of grading and the grade ("rated the force good at", "deemed it to be").
_OBJECT = (r"(?:(?:the\s+)?(?:force|constabulary|service)|it|them|us|(?:[A-Z][\w’'-]*\s+){1,3}(?:Police|Constabulary"
           r"|Service))\s+")
_GRADING_CONTEXT = re.compile(
    r"(?i)\b(?:graded|grading|grade|rated|rates|rating|ranked|judged|deemed|assessed|found|noted|awarded|received"
    r"|was|were|is|are|be|been|as|remains?|now|also|all)\s+(?:as\s+|to\s+be\s+|being\s+)?$"
    # "with an overall grading of ‘good’" (dorset-police-2016-peel-statement)
    r"|\b(?:grading|grade|rating|judgement|judgment|assessment)\s+of\s+$"
    r"|\b(?:graded|grading|rated|rating|ranked|judged|deemed|assessed|found|considered)\s+" + _OBJECT
    + r"(?:as\s+|to\s+be\s+|being\s+)?$")
# Words that start a clause, so that areas before a grade are looked for after them.
# A verb of grading before them also ends the clause ("HMICFRS has judged Bedfordshire Police’s crime recording as").
_CLAUSE = re.compile(r"(?i)(?:[.;?!]|,\s+(?:but|while|whilst|with|although|however)\s|\s(?:with|while|whilst|but"
                     r"|however|that|including|and\s+(?:that|the\s+(?:force|constabulary))"
                     r"|graded|judged|rated|assessed|deemed|considered)\s)")
# A pillar described in full: "the extent to which the force operates efficiently ...".
_PILLAR = re.compile(r"(?i)(?:the\s+)?(?:extent\s+to\s+which|\w+\s+with\s+which)\b")
_STOP = re.compile(r"(?i)[.;:?!(]|\s(?:including|through|who|by|in\s+the\s+(?:community|county)|while|whilst"
                   r"|with\s+(?:‘|'|\"|“|\d+)|but|which|where|because|although|however"
                   r"|this\s+means|compared|than|since|after|before|so\s+that|as\s+well)\b|,\s*(?:and\s+)?(?:the|it|its|this"
                   r"|which|but|while|whilst|although|as|is|was|were|has|have)\b|,?\s+and\s+(?:is|was|it|the\s+force)\b")
_COUNT_OF_AREAS = re.compile(
    r"(?i)^(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+number\s+of|several|some|all|many|other|each)"
    # ("five of the nine areas, including ...", "three of its areas")
    r"\s+)+(?:of\s+(?:the|its|their|our)\s+(?:\w+\s+)?)?(?:other\s+|critical\s+|key\s+)?(?:areas?|pillars?)"
    r"(?:\s+of\s+policing)?\s*"
    r"(?P<list>[–—:-]\s*|,?\s*(?:which\s+(?:also\s+)?)?includ(?:e|es|ed|ing)\s+)?")
_LEADING = re.compile(r"(?i)^(?:(?:the\s+way\s+(?:it|the\s+(?:force|constabulary)|(?:[\w’'-]+\s+){1,3}(?:police"
                      # "the way Dorset Police uses its available resources" (dorset-police-2016-peel-statement)
                      r"|constabulary))|unfortunately|fortunately|and|or|with|while|whilst|the|its|their|our|his|her|a|an"
                      r"|how|that|which|ability\s+to|(?:performance|work)\s+(?:in|on|at)|approach(?:es)?\s+to"
                      r"|(?:force|constabulary)[’']s|(?:the\s+)?(?:force|constabulary)\s+(?:was|is|were)"
                      r"|it|they|has|have|been|also|all|both|where|when|although|though|because|since)\s+)+")
_STOPWORDS = {"the", "a", "an", "of", "and", "to", "its", "it", "how", "for", "in", "at", "with", "on", "by", "their",
              "our", "is", "are", "be", "way", "force", "constabulary", "s"}
_BASE_VERBS = {"respond": "responding", "investigate": "investigating", "investigates": "investigating",
               "investigated": "investigating", "manage": "managing", "managed": "managing", "manages": "managing",
               "prevent": "preventing", "prevents": "preventing", "prevented": "preventing", "protect": "protecting",
               "protects": "protecting", "protected": "protecting", "tackle": "tackling", "tackles": "tackling",
               "reduce": "reducing", "reduces": "reducing", "develop": "developing", "record": "recording",
               "recorded": "recording", "records": "recording", "keep": "keeping", "keeps": "keeping",
               "plan": "planning",
               "plans": "planning", "meet": "meeting", "meets": "meeting", "use": "using", "uses": "using",
               "treat": "treating", "treats": "treating", "responds": "responding", "responded": "responding"}


# Words the inspectorate's names use in place of others ("dealing with anti-social behaviour" is tackling it,
# "keeping communities safe" the pillar's "keeping people safe": sussex-pcc-2020, nottstv-...-2017).
_SYNONYMS = {"dealing": "tackling", "deal": "tackle", "deals": "tackles", "communities": "people",
             # the noun of an area's verb: "the force's response to the public" is responding to it
             "response": "responding", "responses": "responding"}


def _stems(phrase: str) -> list[str]:
    words = re.findall(r"[a-z]+", fold(phrase).replace("-", ""))
    out = []
    for word in words:
        if word in _STOPWORDS:
            continue
        word = _SYNONYMS.get(word, word)
        # "-ation", "-ative", "-ate", "-ating" and "-ated" share a stem ("investigation", "investigative
        # capability", "investigating crime": leicestershire-opcc-2017-peel-effectiveness)
        # ("-ement" and "-ment" too: "management of offenders" is managing them, "treatment" treating)
        for suffix in ("iveness", "ness", "ively", "ative", "ive", "ations", "ation", "ions", "ion", "ating", "ate",
                       "ements", "ement", "ments", "ment", "ing", "ers", "ated", "ates", "ed", "es", "er", "s", "e",
                       "ly", "cy"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


_AREAS = [(label, [set(_stems(a)) for a in (label, *aliases)]) for label, aliases in P.PEEL_AREAS.items()]
# The inspectorate's names' stems in order, for names written short (its own names only: "keeping people safe"
# is not short for "keeping vulnerable people safe", another's wording of an area), the pillars aside.
_NAME_STEMS = [(label, _stems(label)) for label in P.PEEL_AREAS if label not in PILLARS.values()]


def _shortened(words: list[str]) -> str:
    """The one area a phrase names by most of one of its names, in its order of words, from its first word:
    "strategic planning and value for money", "tackling organised crime", "meeting current demands" (of
    "... and using resources"); at least three words, so "reducing crime" names none."""
    if len(set(words)) < 3:
        return ""
    found = {label for label, name in _NAME_STEMS if name and name[0] == words[0] and set(words) <= set(name)
             and 2 * len(set(words)) >= len(set(name)) and [w for w in name if w in words] == words}
    return found.pop() if len(found) == 1 else ""


def canonical_area(phrase: str) -> str:
    return _canonical(phrase)[0]


def _canonical(phrase: str) -> tuple[str, int, set[str]]:
    """The inspectorate's name of the area `phrase` describes, or ''.

    A pillar is named by its own word ("the extent to which the force operates efficiently ..."); an
    area when all the words of one of its names are in the phrase, with at most three more words, and the
    phrase starts as the name does ("the protection of vulnerable people", not "ability to investigate crime").
    """
    folded = fold(phrase)
    question = re.match(r"how (?:effective|efficient|legitimate) is the (?:force|constabulary) at (.*)", folded)
    if question:
        return _canonical(question.group(1))
    # "how legitimately it keeps people safe and ...", "effectively reducing crime and keeping people safe",
    # "operating efficiently and providing sustainable services": a pillar's question, by its adverb
    pillar_question = re.search(
        r"\bhow (effective|efficient|legitimate)(?:ly)?\b|\b(effective|efficient|legitimate)ly\b", folded)
    whole = _WHOLE_OF_POLICING.search(folded)
    # (not the last of a list: "preventing crime ..., protecting vulnerable people, and operating efficiently")
    if pillar_question and whole and "," not in folded[:whole.start()]:
        return PILLARS[pillar_question.group(1) or pillar_question.group(2)], len(_stems(phrase)), set(_stems(phrase))
    # a pillar by its own word, where the phrase is about the pillar ("the PEEL legitimacy report", "last year’s
    # Efficiency assessment") or is no more than it
    if re.search(r"extent to which|with which|overall|pillar|\b(?:report|inspection|assessment)\b", folded) or len(
            folded.split()) <= 2:
        # ("effectiv": misspelt "the Effectivness report", hampshire-opcc-2016-peel-effectiveness-response)
        for stem, pillar in (("legitima", "Legitimacy"), ("efficien", "Efficiency"), ("effectiv", "Effectiveness")):
            if stem in folded:
                return pillar, len(_stems(phrase)), set(_stems(phrase))
    words = _stems(phrase)
    stems, first = set(words), (words[0] if words else "")
    best, best_size, best_name = "", 0, set()
    for label, names in _AREAS:
        for name in names:
            if name and name <= stems and len(stems - name) <= 3 and len(name) > best_size and first in name:
                best, best_size, best_name = label, len(name), name
    if not best:
        best = _shortened(words)
        best_size, best_name = (len(stems), stems) if best else (0, set())
    return best, best_size, best_name


def _clean_area(phrase: str) -> str:
    """An area as written ('the force’s ability to investigate crime') made a label ('Ability to investigate crime')."""
    phrase = flat(phrase).strip(" ,.;:–—-‘’'\"“”")
    phrase = _LEADING.sub("", phrase).strip(" ,.;:–—-‘’'\"“”")
    words = phrase.split()
    if words and words[0].lower() in _BASE_VERBS:
        words[0] = _BASE_VERBS[words[0].lower()]
        phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:]


def _pieces(span_text: str) -> list[tuple[int, int]]:
    """The areas of a list ("A, B and C"), as offsets in span_text; neighbours merged when together they
    are one area of the inspectorate ("reducing crime and preventing offending")."""
    parts, pos = [], 0
    quoted = list(re.finditer(r"[‘“'\"]([^’”'\"]+)[’”'\"]", span_text))
    if quoted:  # 'A', 'B' and 'C': each quoted item is one area, whatever "and" it holds
        return [(m.start(), m.end()) for m in quoted]
    hard = set()  # parts that start a new area whatever their neighbours ("... and at tackling ...")
    for sep in re.finditer(r",?\s+(?:and|but)\s+(?:at|in)\s+|,\s*(?:and\s+)?|\s+and\s+|\s+&\s+", span_text):
        parts.append((pos, sep.start()))
        if re.search(r"\s(?:at|in)\s+$", sep.group()):
            hard.add(sep.end())
        pos = sep.end()
    parts.append((pos, len(span_text)))
    parts = [(a, b) for a, b in parts if span_text[a:b].strip()]
    out, i = [], 0
    while i < len(parts):
        last = next((k - 1 for k in range(i + 1, len(parts)) if parts[k][0] in hard), len(parts) - 1)
        for j in range(last, i, -1):  # the longest run of parts that is one area
            whole = span_text[parts[i][0]:parts[j][1]]
            area, size, name = _canonical(whole)
            whole_size = len(set(_stems(whole)))
            # one word beyond the area's name is let through, unless the last part brings it ("tackling
            # serious and organised crime, ethical" and "..., investigating crime" start the next area)
            last = set(_stems(span_text[parts[j][0]:parts[j][1]]))
            extra = set(_stems(whole)) - name
            if area and (size >= whole_size or size >= 4 and size >= whole_size - 1 and not extra & last):
                out.append((parts[i][0], parts[j][1]))
                i = j + 1
                break
        else:
            a, b = parts[i]
            words = span_text[a:b].split()
            if len(words) == 1 and words[0].lower().endswith("ing") and i + 1 < len(parts):
                # "preventing and investigating crime": the first takes the second's object
                nxt = span_text[parts[i + 1][0]:parts[i + 1][1]].split()
                if len(nxt) >= 2 and nxt[0].lower().endswith("ing"):
                    out.append((a, b, " ".join([words[0], *nxt[1:]])))
                    i += 1
                    continue
            out.append((a, b))
            i += 1
    return out


def _acceptable(label: str, quoted: bool) -> bool:
    words = label.split()
    if not words or len(words) > 9 or re.search(r"\d", label):
        return False
    first = words[0].lower()
    return quoted or first.endswith("ing") or first in {"treatment", "use", "leadership", "crime", "ability",
                                                        "protection", "investigation", "fair", "ethical"}


def prose_grades(x, block, add) -> tuple[str, int] | None:
    """Grades written in sentences and lines: 'is good at A, B and C', 'A and B were deemed to require
    improvement', "graded as 'good'", 'Crime Prevention – Good', 'Good – in A and B'; a grade that ends
    the block with a colon ("we assessed the force as good at:") heads the bullets below: (grade, offset)."""
    text = block.doc.text
    lines = getattr(x, "graded_lines", [])
    grades = [m for m in _GRADE.finditer(text) if _grading(text, m) and not _CHANGED_FROM.search(text, 0, m.start())
              and not any(a <= block.span(m.start(), m.end())[0] < b for a, b in lines)]
    for n, match in enumerate(grades):
        after_end = grades[n + 1].start() if n + 1 < len(grades) else len(text)
        before_start = grades[n - 1].end() if n else 0
        areas: list[tuple[int, int, str, bool]] = []
        # Free wording of an area counts after a grade that is quoted or named as one ("graded as good"),
        # not after praise ("good at keeping people updated"): there only the inspectorate's areas count.
        strong = bool(match.group("open") and match.group("close")) or bool(re.search(
            r"(?i)\b(?:grad|rat|rank|judg|deem|assess|found)\w*\s+(?:" + _OBJECT + r")?(?:as\s+|to\s+be\s+)?$",
            text[:match.start()]))
        rest = text[match.end():after_end]
        if n == len(grades) - 1 and _HEADS_A_LIST.fullmatch(rest):
            return _grade_word(match.group("grade")), block.span(match.start(), match.end())[0]
        forward = _FORWARD.match(rest)
        if not forward and not text[:match.start()].strip(" •▪●◦·*-"):
            forward = re.match(r"\s*[–—:-]\s*", rest)  # "Good: preventing crime, investigating crime and ..."
        the_area = _THE_AREAS_WERE.match(rest) if _AREAS_GRADED.search(text[:match.start()]) else None
        if the_area and not the_area.group("areas") and re.search(r"(?i)\bthe\s*$", text[:match.start()]):
            the_area = None  # "the good ... were": the areas must be named ("The outstanding areas were ...")
        # "it requires improvement to its future workforce planning" (dorset-police-2016-peel-statement)
        finite = re.fullmatch(r"(?i)requir(?:es|ed)\s+improvement", match.group("grade"))
        to_its = _TO_ITS.match(rest) if finite else None
        cue = the_area or forward or to_its
        if to_its and not forward:
            strong = True
        if cue:
            if re.search(r"(?i)includ(?:ing|ed?|es)\s+$", cue.group()):
                strong = False  # "across areas including ...": examples, graded only if they are the inspectorate's
            begin = match.end() + cue.end()
            segment = text[begin:after_end]
            count = _COUNT_OF_AREAS.match(segment)
            if count:
                # "in three areas: A, B and C" names them; "in three areas according to ..." does not
                begin += count.end()
                segment = text[begin:after_end] if count.group("list") else ""
                if count.group("list") and "includ" in count.group("list"):
                    strong = False  # "several key areas, which also include ...": examples, as "including"
            # a word that ends most lists may be part of the area: "protecting people who are vulnerable through
            # their age": the first end that leaves one of the inspectorate's areas, else the first; never past
            # the clause's punctuation
            clause_end = re.search(r"[.;:?!(](?!\d)", segment)
            stops = [m.start() for m in _STOP.finditer(segment, 0, clause_end.start() if clause_end else len(segment))]
            stops = stops[:3] + [clause_end.start() if clause_end else len(segment)]
            if to_its and cue is to_its:  # "to its future workforce planning to prepare for ...": its purpose ends it
                purpose = _PURPOSE.search(segment)
                stops = sorted(stops + [purpose.start()]) if purpose else stops
            cut = next((c for c in stops if canonical_area(segment[:c])), stops[0])
            segment = segment[:cut]
            areas = _areas_in(text, begin, segment, strong)
            if not areas and _FORWARD_PERFORMANCE.match(rest):
                # "outstanding performance in relation to the activities of the Force when recording data about
                # crime" (northamptonshire-pfcc-peel-2023-25-response): the inspectorate's area ending the phrase
                areas = _ending_area(text, begin, segment)
        if not areas:
            head = text[before_start:match.start()]
            verbs = _VERBS_BEFORE.search(head)
            dash = _DASH_BEFORE.search(head)
            stop_at = (dash.start() if dash else verbs.start()) if (dash or verbs) else len(head)
            leading = head[:stop_at]
            pillar = list(_PILLAR.finditer(leading))
            clause = max([m.end() for m in _CLAUSE.finditer(leading)] or [0])
            sentence = max([m.end() for m in re.finditer(r"[.;?!]\s", leading)] or [0])
            # "the efficiency with which it keeps ...": the pillar's wording holds clause words ("with")
            cut = pillar[-1].start() if pillar and pillar[-1].start() >= sentence else clause
            segment = leading[cut:]
            # the grade as the clause's verb ("performance within the ‘developing a positive workforce’ category
            # required improvement": dyfed-powys-panel-peel-assessment)
            grading_words = dash or (verbs and verbs.group().strip()) or "extent to which" in fold(segment) or (
                finite and bool(verbs))
            if grading_words and (dash is None or len(leading.split()) <= 8):
                areas = _areas_in(text, before_start + cut, segment, strong)
                if not areas and verbs and re.search(r"(?i)\b(?:grad|rat|rank|judg|deem|assess)\w*", verbs.group()):
                    # the area ends the clause before a verb of grading: "the force must improve how it investigates
                    # crime, which was graded as ..." (the longest ending of two words or more that is one; not
                    # before a bare "is": "the force's initial investigation of crime is good" is praise)
                    ending = next((m.start() for m in re.finditer(r"\S+", segment)
                                   if len(segment[m.start():].split()) >= 2 and canonical_area(segment[m.start():])),
                                  None)
                    if ending is not None:
                        areas = _areas_in(text, before_start + cut + ending, segment[ending:], False)
        grade = _grade_word(match.group("grade"))
        earlier = None if areas else _LAST_YEARS.search(text, before_start, match.start())
        if earlier and canonical_area(earlier.group("area")):
            start, end = block.span(earlier.start("area") - len("last year’s "), match.end())
            add(canonical_area(earlier.group("area")), grade, start, end, False, earlier.group("area"), earlier=True)
            continue
        if not areas and strong:
            areas = _report_area(x, text, before_start, match)
        force = _graded_force(x, block, text, match.start()) if areas else ""
        for a, b, label, quoted, wording in areas:
            start, end = block.span(min(a, match.start()), max(b, match.end()))
            add(label, grade, start, end, quoted, wording, force=force)
        same = _SAME_AS_LAST_YEAR.search(text, match.end(), _sentence_end(text, match.end(), 2))
        if same and not any(match.end() < g.start() < same.start() for g in grades):
            for a, _b, label, quoted, wording in areas:
                start, end = block.span(min(a, match.start()), same.end())
                add(label, grade, start, end, quoted, wording, earlier=True, force=force)
    return None


def _graded_force(x, block, text: str, at: int) -> str:
    """Another force than the report's, when the grade's clause names it as the one graded: "In 2016, South Wales
    and Gwent police forces were deemed "good" in all areas while North Wales was graded "good" in effectiveness
    and efficiency but required improvement in the area of legitimacy" (bbc-2017-dyfed-powys-peel): the force
    named last before the grade, by its name or by its area before a verb ("North Wales was"), with no new clause
    ("while", "whereas") nor "the force" or "it" between them; '' for the report's own."""
    sentence = max([m.end() for m in re.finditer(r"[.;!?]\s", text[:at])] or [0])
    if sentence >= at:
        return ""
    start, end = block.span(sentence, at)
    named = [(h.end, h.entity) for h in x.hits_in(start, end) if x.gazetteer.type_of(h.entity) == "PoliceForce"]
    for area in _FORCE_BY_AREA.finditer(x.text, start, end):
        for name in (area.group("area") + " Police", area.group("area") + " Constabulary", area.group("area")):
            found = x.gazetteer.lookup(name)
            if found and x.gazetteer.type_of(found) == "PoliceForce":
                named.append((area.end("area"), found))
                break
    if not named:
        return ""
    after, force = max(named)
    if force == x.subject or _NEW_SUBJECT.search(x.text, after, end):
        return ""
    return force


# A place's name as the subject of a verb ("North Wales was graded"), which may name a force.
_FORCE_BY_AREA = re.compile(
    r"(?<![\w’'-])(?P<area>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s+(?=(?:was|were|is|has|had)\b)")
# Words between a force and a grade that give the grade another subject.
_NEW_SUBJECT = re.compile(
    r"(?i)\b(?:the\s+(?:force|constabulary)|it|its|we|our|while|whilst|whereas|although|though)\b")


# A grade inside the subject that names the graded areas after a verb: "The outstanding areas were preventing
# crime ..." (sypf-2022-south-yorkshire-peel), "the ‘inadequate’ areas included how the force protects ..."
# (hmicfrs-2022-gloucestershire-peel-news), "Areas found to require improvement were responding to the public,
# ..." (watfordobserver-2024-hertfordshire-peel).
_AREAS_GRADED = re.compile(r"(?i)(?:\bthe|\bareas?\s+(?:(?:found|judged|graded|rated|assessed|deemed|considered)\s+)?"
                           r"(?:to\s+(?:be\s+)?|as\s+)?)\s*$")
_THE_AREAS_WERE = re.compile(r"(?i)\s*(?P<areas>areas?\s+)?(?:was|were|included|includes|are|is)\s+")
_PURPOSE = re.compile(r"(?i)\s(?:in\s+order\s+)?to\s+(?!(?:the|its|their|our|a|an)\b)(?![a-z]+ing\b)[a-z]+")
_TO_ITS = re.compile(r"(?i)\s*to\s+(?=(?:its|the|their|our)\s)")
# A grade of performance, then the cue of its area: "outstanding performance in relation to ...".
_FORWARD_PERFORMANCE = re.compile(r"(?i)^\s*performance\s+")


def _ending_area(text: str, begin: int, segment: str) -> list[tuple[int, int, str, bool, str]]:
    """The inspectorate's area that ends a phrase, as its longest ending of two words or more that is one."""
    ending = next((m.start() for m in re.finditer(r"\S+", segment)
                   if len(segment[m.start():].split()) >= 2 and canonical_area(segment[m.start():])), None)
    return [] if ending is None else _areas_in(text, begin + ending, segment[ending:], False)


# A grade of the round before named as a noun: "a grade higher than last year’s Efficiency assessment of
# ‘Inadequate’" (humberside-opcc-2016-peel-efficiency).
_LAST_YEARS = re.compile(r"(?i)\blast\s+year[’']s\s+(?P<area>[\w ,-]{3,60}?)\s+(?:assessment|grade|grading|rating"
                         r"|judge?ment)\s+(?:of|was)\s+$")


# A grade changed from (the earlier one, not this report's: the one it was changed to is graded).
_CHANGED_FROM = re.compile(r"(?i)\b" + _CHANGED + r"\s+from\s+[‘“'\"]?$")


# What follows a grade that heads a list of areas, at the end of its paragraph: "as good at:".
_HEADS_A_LIST = re.compile(r"(?i)\s*(?:at|in|for)?\s*:\s*")


# The grade given again as in the round before: "the same grading as they received last year",
# "unchanged from last year", "our overall judgment is the same as last year".
_SAME_AS_LAST_YEAR = re.compile(r"(?i)\b(?:the\s+same|unchanged)\b[^.;!?]{0,60}?\blast\s+year\b")


def _sentence_end(text: str, start: int, sentences: int) -> int:
    """Where the `sentences`-th sentence from `start` ends (the grade's own sentence and the next)."""
    for _ in range(sentences):
        stop = re.search(r"[.!?](?=\s|$)", text[start:])
        if not stop:
            return len(text)
        start += stop.end()
    return start


# A grade given to the force as a whole, whose area is the report's ("Hampshire Constabulary were graded as
# 'good'", "received an overall rating of 'Good'"), not to other forces ("Two forces were graded as ...")
# nor in an earlier report ("Previously graded as requiring improvement", "found to 'require improvement' in
# the same area last month").
_NOT_THIS_GRADE = re.compile(r"(?i)\b(?:forces|other|\d+|one|two|three|four|five|six|seven|eight|nine|ten|previous\w*"
                             r"|last\s+(?:year|time|month)|before|earlier|was\s+not|were\s+not|if|whether|would|could)\b")
_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\b")  # not a count
_EARLIER_AFTER = re.compile(r"(?i)\b(?:last\s+(?:year|time|month)|previously|earlier)\b")
_THIS_FORCE = re.compile(r"(?i)\b(?:overall|force|constabulary|service|police|it|we|us)\b")
_PILLAR_WORDS = re.compile(r"(?i)\b(?:(?P<noun>effectiveness|efficiency|legitimacy)|how\s+(?P<adj>effective|efficient"
                           r"|legitimate)(?:ly)?)\b")
# PEEL spelled out names all three pillars, and so none.
_ALL_PILLARS = re.compile(r"(?i)effectiveness,?\s+efficiency,?\s+(?:and\s+)?legitimacy")


def report_area(x) -> str:
    """The area a report as a whole grades, or '': the one pillar its title names (PEEL Efficiency
    Report 2016), or another of the inspectorate's areas its title names (Crime Data Integrity), or the
    one pillar its text names (the Effectiveness of Humberside Police, how legitimate Gwent Police is)."""
    if not hasattr(x, "_report_area"):
        title = _ALL_PILLARS.sub("", x.title)
        pillars = {PILLARS.get(m.group().lower().removesuffix("ly"), m.group().capitalize())
                   for m in re.finditer(r"(?i)\b(?:effectiveness|efficiency|legitimacy|effective|efficient"
                                        r"|legitimate)\b", title)}
        if re.search(r"(?i)keep\w*\s+people\s+safe\s+and\s+reduc\w*\s+crime|reduc\w*\s+crime\s+and\s+keep\w*\s+people"
                     r"\s+safe", title):
            pillars.add("Effectiveness")
        if not pillars:
            named = [label for label, aliases in P.PEEL_AREAS.items() for name in (label, *aliases)
                     if len(name.split()) >= 2 and re.search(r"(?i)\b" + re.escape(name) + r"\b", title)]
            pillars = {max(named, key=len)} if named else set()
        if not pillars:
            text = _ALL_PILLARS.sub("", x.text)
            pillars = {(m.group("noun") or PILLARS[m.group("adj").lower()]).capitalize()
                       for m in _PILLAR_WORDS.finditer(text)}
        x._report_area = pillars.pop() if len(pillars) == 1 else ""
    return x._report_area


def _report_area(x, text: str, before_start: int, match) -> list[tuple[int, int, str, bool, str]]:
    """The report's area for a grade given to the force as a whole, with the clause that gives it."""
    clause_start = max([m.end() for m in re.finditer(r"[.;:!?]\s", text[:match.start()])] or [0])
    head = text[max(clause_start, before_start if before_start > clause_start else clause_start):match.start()]
    # the one pillar the grade's sentence names, else the report's ("The second report ‘Police Legitimacy’, which
    # was published on 11 February 2016, focused on ... with an overall grading of ‘good’": dorset-police-2016-...)
    sentence = text[max([m.end() for m in re.finditer(r"[.;!?]\s", text[:match.start()])] or [0]):match.start()]
    pillars = {(m.group("noun") or PILLARS[m.group("adj").lower()]).capitalize()
               for m in _PILLAR_WORDS.finditer(_ALL_PILLARS.sub("", sentence))}
    area = pillars.pop() if len(pillars) == 1 else report_area(x)
    alone = len(text.split()) <= 3  # "graded good" on its own line, under "Overall judgment"
    # the grade's own clause after it ("... in the same area last month"; not "..., a grade higher than last
    # year's", nor "which was unchanged from last year")
    tail = re.split(r"[.,;:!?(–—]|\b(?:which|that|but|and)\b", text[match.end():], maxsplit=1)[0]
    if (not area or _NOT_THIS_GRADE.search(_DATE.sub("", head)) or _EARLIER_AFTER.search(tail)
            or not (alone or _THIS_FORCE.search(head))):
        return []
    lead = len(head) - len(head.lstrip())
    return [(match.start() - len(head) + lead, match.end(), area, False, "")]


def _grade_word(word: str) -> str:
    word = " ".join(fold(word).split())
    return "requires improvement" if "improvement" in word else word


def _grading(text: str, match) -> bool:
    """Whether a grade word is a grade ("was graded 'good'"), not an adjective ("good progress")."""
    quoted = bool(match.group("open") and match.group("close"))
    before = text[:match.start()]
    after = text[match.end():]
    word = match.group("grade").lower()
    if _HOPED_FOR.search(before):
        return False  # hoped for: "there is still room for some improvement for it to be judged as ‘outstanding’"
    if re.match(r"(?i)\s*(?:grades?|ratings?|judgements?|overall)\b", after) and not quoted:
        return False
    if quoted or "improv" in word:
        return True
    if _THE_AREAS_WERE.match(after) and _AREAS_GRADED.search(before):
        return True
    forward = _FORWARD.match(after)
    if forward and _FORWARD_PERFORMANCE.match(after):
        return True  # "outstanding performance in relation to ...": its area must be the inspectorate's
    if not before.strip(" •▪●◦·*-") and re.match(r"\s*(?:[–—:-]\s*|(?:at|in)\s+)\w", after):
        # a grade heading its line or bullet: "Good – in preventing crime, investigating crime and ...",
        # "• good in effectively reducing crime and keeping people safe;"
        return True
    if forward and re.search(r"(?i)approach\s+to\s+$", forward.group()):
        # "has an outstanding approach to preventing crime": the inspectorate's summary of a grade
        return bool(re.search(r"(?i)\b(?:has|have|had|takes?|took)\s+an?\s+$", before))
    bare = forward and re.fullmatch(r"(?i)\s*(?:[–—:-]\s*)?(?:at|in|for)\s+", forward.group())
    # "good in the community" is no grade; "judged to be outstanding in its understanding of demand" is
    if forward and not (bare and re.match(r"(?i)\s*(?:at|in|for)\s+(?:a|an|the|this|that|our|all)\b", after)):
        return bool(_GRADING_CONTEXT.search(before[-40:]) or re.search(r"(?i)(?:,|\band)\s*$", before))
    if _HEADS_A_LIST.fullmatch(after):
        return bool(_GRADING_CONTEXT.search(before[-40:]))
    if re.match(r"\s*(?:[.;,]|$|\s[–—-]\s)", after):
        return bool(_GRADING_CONTEXT.search(before[-40:]) or _DASH_BEFORE.search(before))
    return False


# A grade not given but aimed at: "for it to be judged as" (hmicfrs-2017-south-wales-crime-data-integrity-news), "to
# become", "aims to be".
_HOPED_FOR = re.compile(r"(?i)\bto\s+(?:be\s+(?:graded|rated|judged|assessed|deemed|considered)|become|achieve|reach)"
                        r"\s+(?:as\s+)?$|\b(?:aims?|aiming|ambition|strive|striving|aspires?|aspiration|hopes?)\s+to\s+be\s+$")


# Whose areas a list names, before it: "Warwickshire Police’s leadership and management", "Bedfordshire
# Police’s crime recording", "the force’s ability to meet current demands".
_POSSESSOR = re.compile(
    r"^\s*(?:[Tt]he\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:[Ff]orce|[Cc]onstabulary|Police|Service)[’']s?\s+")


def _areas_in(text: str, begin: int, segment: str, strong: bool) -> list[tuple[int, int, str, bool, str]]:
    possessor = _POSSESSOR.match(segment)
    if possessor:
        begin, segment = begin + possessor.end(), segment[possessor.end():]
    if _PILLAR.match(segment.strip()) and canonical_area(segment) in ("Effectiveness", "Efficiency", "Legitimacy"):
        lead = len(segment) - len(segment.lstrip())
        return [(begin + lead, begin + len(segment.rstrip()), canonical_area(segment), False, "")]
    out = []
    for piece in _pieces(segment):
        a, b = piece[0], piece[1]
        raw = piece[2] if len(piece) > 2 else segment[a:b]
        # quoted when the quotation closes in it ("“Although the force is judged as" opens a speech)
        quoted = bool(re.match(r"\s*[‘'\"“][^’'\"”]+[’'\"”]", segment[a:b]))
        canonical = canonical_area(raw) or canonical_area(_clean_area(raw))  # "ability to meet current demands"
        label = canonical or _clean_area(raw)
        if re.fullmatch(r"(?i)(?:the\s+)?(?:force|constabulary|service|police)", label.strip(" ‘’'\"“”")):
            continue  # the graded force ("The force was graded 'good'"), not an area
        if label and (canonical or ((strong or quoted) and _acceptable(label, quoted))):
            out.append((begin + a, begin + b, label, quoted, _clean_area(raw)))
    return out
