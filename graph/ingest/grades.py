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
  hoped for ("for it to be judged as ‘outstanding’") is none;
- round 4's: a grade as the adjective of a rating naming its area ("a good efficiency rating"), "‘Good’ gradings
  for", "one area highlighted as requiring improvement is", a colon after the verb ("... is: good."), a list of
  areas that goes on past ", its" and ";" while each is an area (_list_goes_on), "in aspects of the way it",
  "across all the strands which include", "<area>, which ... is rated as", "in dealing with <area> assessed as",
  "To be rated X for Y ... is a fantastic achievement" (achieved, not hoped for), "the effectiveness with which
  the force tackles <area>" (another question than the pillar's); the force graded as a whole takes the area of
  the report a news page links to ("Get the report" / its title); the object of a verb of grading is the force,
  never an area ("grading the ‘Met’ as adequate in only one area");
- round 5's: a grade counted over areas it does not name grades none, neither the report's area nor a later clause's
  ("requires improvement" in half of its graded areas", "‘good’ in most areas, with ..."), while a count's list after
  "in particular" or a participle and a colon names them ("for all three areas assessed during the PEEL process:
  efficiency, ..."); a list cut by semicolons keeps the commas inside its items; "with respect to" and "for its work
  in" introduce the area; the scale of the round the grade's sentence places it in ("last inspected in 2018/19, when
  it was rated ...") or the title names; a headline finding naming the force ("X Constabulary is good at behaving
  ethically and lawfully.") is one area in its words; "and the force’s ..." opens a new subject's clause;
- round 6's: a verb of grading whose object is the force's own ability ("rates its ability to investigate crime as
  “adequate”"); "rated as good in the latest HMIC inspection on <area>"; "a good rating overall" (the pillar its
  paragraph names); "in how it <does>" (the verb made the area's gerund, "Maintaining an ethical culture"; one action,
  up to a comma); a count of areas then their list cut by semicolons; a second object of one verb and adverb ("treating
  both the public and its workforce fairly": two areas); a finding naming the force followed by whose it is (",
  according to ..."), its purpose or how, reported ("the report highlights that X Police is good at"), or under a
  heading, one thing it does; the pillar sentence whose verb the page lost ("... reducing crime good."); an earlier
  grade in the grade's own clause ("previously the Force were rated as") is none;
- round 7's (named_grade_forms): "o Area: Grade" lines; a grade named as a category heading a list ("Under the
  ‘adequate’ grade was: A; B; C"); "except <area>, where it <grade>"; "in each of the three pillars"; an earlier grade
  of the area the sentence before graded ("the ‘inadequate’ grading it received in this area in 2023"); "at A and on
  B"; a grade in a pillar's reports ("good in efficiency reports examining ...") is the pillar's; in a text about
  several forces, none its subject, "the force" graded is the one named last before the grade (_last_force_named); a
  grade whose sentence names no area takes the pillar whose reports the next sentence names, once for each force its
  sentence opens with ("A Police, B Police and C Police were among 10 forces ... deemed to need improvement").

Areas are named by graph.ingest.areas: as the inspectorate names them, and as the graph's area of the
report's round where the graph has it. The scale is five-point from 2021/22, or where the text grades
"adequate", and four-point in a text that names HMIC alone, whatever a later date (scale).
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.areas import (
    BASE_VERBS,
    PILLARS,
    WHOLE_OF_POLICING,
    area_entity,
    area_labels,
    area_match,
    area_stems,
    canonical_area,
    known_area,
    listed_areas,
    peel_round,
    previous_round,
    report_round,
    stated_round,
    title_round,
)
from graph.ingest.text import flat, fold


def scale(x) -> str:
    """Five-point from 2021/22 (by the round the text states, else by its date), or where the text grades
    "adequate"; four-point before, in a text whose title names an earlier round whatever its date, and, when only
    the date says 2021 or later, in a text by or about HMIC alone,
    which became HMICFRS in 2017 (a page's "Last Updated" over a 2016 response: south-wales-pcc-vetting-corruption-
    response)."""
    five_point_rounds = ("2021-22", "2023-25")
    if re.search(r"(?i)[‘'\"“]adequate[’'\"”]|\badequate\b\W*$", x.text) or stated_round(x) in five_point_rounds:
        return "five-point"
    year = re.match(r"\d{4}", x.date)
    if title_round(x) not in ("", *five_point_rounds):
        return "four-point"  # the round its title names ("PEEL: ... 2018 – Police Service of Northern Ireland", 2022)
    if (year and int(year.group()) >= 2021 or report_round(x) in five_point_rounds) and not _hmic_alone(x.text):
        return "five-point"
    return "four-point"


def _hmic_alone(text: str) -> bool:
    """Whether a text names HM Inspectorate of Constabulary and never its successor with Fire & Rescue Services."""
    named = re.search(r"\bHMIC\b|(?i:inspectorate\s+of\s+constabulary)(?!\s+and\s+fire|\s*&\s*fire)", text)
    return bool(named) and not re.search(r"\bHMICFRS\b|\bHMIFRS\b|(?i:fire\s+(?:and|&)\s+rescue\s+services)", text)


def propose_judgements(x) -> None:
    seen = set()
    of_a_round: set[str] = set()  # the judgements of an earlier round than the text's, on that round's scale
    questions: list[tuple[str, str]] = []  # (area id, folded label)
    on_scale = scale(x)

    def add(area_id: str, grade: str, start: int, end: int, inspection: str = "", on: str = "",
            force: str = "") -> None:
        grade = _grade_word(grade)
        if not force and x.subject == "force/unknown":
            force = _last_force_named(x, start)
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
        if on:
            of_a_round.add(x.draft.judgements[-1]["id"])

    def add_labelled(label: str, grade: str, start: int, end: int, quoted: bool, wording: str = "",
                     earlier: bool = False, force: str = "", on: str = "") -> None:
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
        if not area_id and fold(wording) in {fold(n) for n in P.PEEL_AREAS.get(label, ())} & area_labels(x):
            label = wording  # the text's own name of it, a round's name of it ("Recording data about crime")
        add(area_id or area_entity(x, label, start, end, wording), grade, start, end, on=on, force=force)
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
        named_grade_forms(x, block, add_labelled, add)
    _settle_pillar(x, whole, graded)
    if on_scale == "four-point" and any(j["grade"] == "four-point/adequate" and j["id"] not in of_a_round
                                        for j in x.draft.judgements):
        # "adequate" is a grade of the five-point scale alone: a text that grades it grades on that scale, whatever
        # its date says or when it has none ("adequate at ‘protecting vulnerable people’": cornish-times-devon-
        # cornwall-peel-2023-25); a grade of an earlier round keeps that round's scale
        for judgement in x.draft.judgements:
            if judgement["id"] not in of_a_round:
                judgement["grade"] = judgement["grade"].replace("four-point/", "five-point/")


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
        if head.group("pillar") and (not rest or re.match(WHOLE_OF_POLICING.pattern + r"\W*$", rest)):
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


# A line that gives an area and its grade: "Investigating crime: Requires improvement", "· Crime Prevention – Good",
# "o Supporting victims: Adequate" (a word processor's hollow bullet as the letter o, then a space).
_AREA_GRADE_LINE = re.compile(
    r"(?im)^[ \t]*(?:[•▪●◦·*-][ \t]*|o[ \t]+)?(?P<area>[A-Z][^\n:–—]{2,90}?)[ \t]*[:–—-][ \t]*"
    r"(?P<grade>outstanding|good|adequate|requires?[ \t]+improvement|requiring[ \t]+improvement|inadequate)"
    r"[ \t]*\.?[ \t]*$")


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
# The inspection that gave a grade, then the area it was on: "rated as good in the latest HMIC inspection on legitimacy"
# (newsguardian-2016-northumbria-legitimacy-leadership); not "in the last inspection" (an earlier one's grade).
_INSPECTION_OF = (r"(?:(?:latest|recent|most\s+recent|new|annual|independent)\s+)+"
                  r"(?:(?:HMIC\w*|HMI|PEEL|inspectorate[’']s)\s+)?(?:inspection|report|assessment)\s+(?:on|of|into)")
# What comes right after a grade and introduces the areas it grades ("good at", "'Adequate' in the areas of").
_FORWARD = re.compile(
    r"(?i)^\s*(?:[–—:-]\s*)?(?:grades?\s+|gradings?\s+|ratings?\s+|performance\s+)?(?:in\s+the\s+areas?\s+of|in\s+relation\s+to|(?:in|with)\s+respect\s+(?:of|to)"
    r"|when\s+it\s+c(?:ame|omes)\s+to"
    # what the force does in the area: "rated ‘good’ for its work in reducing crime and keeping people safe"
    r"|(?:for|in|on)\s+(?:its|their|the\s+(?:force|constabulary)[’']s)\s+(?:work|performance)\s+(?:in|on|at)"
    r"|in\s+its\s+ability\s+to|(?:in|for|at)\s+(?:the\s+way|how)\s+(?:it|the\s+force|the\s+constabulary)|in\s+terms\s+of"
    r"|across\s+(?:the\s+)?(?:[\w-]+\s+){0,4}(?:areas?|strands?|pillars?),?\s+(?:which\s+(?:also\s+)?)?includ(?:ing|ed?|es)|including|approach\s+to"
    r"|when(?=\s+\w+ing\b)|" + r"in\s+(?:the|its|their|a|an)\s+" + _INSPECTION_OF + r"|at|in|for|across)\s+")
# A dash or colon between an area and its grade on one line ("Crime Prevention – Good").
_DASH_BEFORE = re.compile(r"\s*[–—:-]\s*$")
# A colon after the verb of a sentence whose grade it introduces ("... reducing crime is: good.").
_VERB_COLON = re.compile(r"(?i)\s+(?:is|was|are|were)\s*:\s*$")
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
# Words that start a clause, so that areas before a grade are looked for after them ("... to help keep people safe
# and reduce crime and the force’s use of resources was graded inadequate": the subject is the force's, yorkpress-...).
# A verb of grading before them also ends the clause ("HMICFRS has judged Bedfordshire Police’s crime recording as").
_CLAUSE = re.compile(r"(?i)(?:[.;?!]|,\s+(?:but|while|whilst|with|although|however)\s|\s(?:with|while|whilst|but"
                     r"|however|that|including|and\s+(?:that|the\s+(?:force|constabulary)(?:[’']s)?)"
                     r"|graded|grading|judged|rated|rating|assessed|deemed|considered|grades|rates|judges|assesses"
                     r"|deems)\s)")
# A pillar's word asked of what a force does: "the effectiveness with which <the force> <verb>s ...", "how
# effectively it protects information".
_WITH_WHICH = re.compile(r"(?i)\s*(?:(?:the\s+)?(?:effectiveness|efficiency|legitimacy)\s+with\s+which"
                         r"|how\s+(?:effective|efficient|legitimate)ly)\s+(?:it|the\s+force"
                         r"|the\s+constabulary|(?:[A-Z][\w’'-]*\s+){1,3}(?:Police|Constabulary))\s+(?P<verb>"
                         + "|".join(v for v in BASE_VERBS if v.endswith("s")) + r")\s+(?=\w)")
# The same, whoever does it ("how effectively police forces carry out vetting"), and what every pillar asks of
# ("keeps people safe and reduces crime", "operates efficiently", "treats the public and its workforce").
_PILLAR_ASKED = re.compile(r"(?i)(?:the\s+)?(?:effectiveness|efficiency|legitimacy)\s+with\s+which\b|how\s+(?:effective"
                           r"|efficient|legitimate)ly\b")
_PILLARS_OWN = re.compile(r"(?i)\bkeep\w*\s+people\s+safe|\breduc\w*\s+crime|\boperat\w*\s+(?:efficiently|sustainably)"
                          r"|\btreat\w*\s+the\s+public\s+and\s+its\s+workforce")
# Where a relative clause opens after the noun it is about.
_ANTECEDENT = re.compile(r",\s+which\b")
# A verb of grading that ends a clause, its object after it.
_GRADED_OBJECT = re.compile(r"(?i)\s(?:graded|grading|judged|rated|rating|assessed|deemed|considered|grades|rates"
                            r"|judges|assesses|deems)\s$")
# A pillar described in full: "the extent to which the force operates efficiently ...".
_PILLAR = re.compile(r"(?i)(?:the\s+)?(?:extent\s+to\s+which|\w+\s+with\s+which)\b")
_STOP = re.compile(r"(?i)[.;:?!(]|\s(?:including|through|who|by|in\s+the\s+(?:community|county)|while|whilst"
                   r"|with\s+(?:‘|'|\"|“|\d+)|but|which|where|because|although|however"
                   r"|this\s+means|compared|than|since|after|before|following|so\s+that|as\s+well)\b|,\s*(?:and\s+)?(?:the|it|its|this"
                   r"|which|but|while|whilst|although|as|is|was|were|has|have)\b|,?\s+and\s+(?:is|was|it|the\s+force)\b")
# A count of the areas a grade is given in, maybe a vague one ("in half of its graded areas", "in most areas",
# "in multiple areas"), and what lists them, if anything does: a dash or colon, "including", "in particular", or a
# participle phrase then a colon ("for all three areas assessed during the PEEL process: efficiency, ...").
_COUNT_OF_AREAS = re.compile(
    r"(?i)^(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+number\s+of|several|some|all|many|other|each"
    r"|half|most|multiple|(?:the\s+)?majority)"
    # ("five of the nine areas, including ...", "three of its areas", "half of its graded areas")
    r"\s+)+(?:of\s+(?:the|its|their|our)\s+(?:\w+\s+)?)?(?:other\s+|critical\s+|key\s+|graded\s+)?(?:areas?|pillars?)"
    r"(?:\s+of\s+(?:policing|the\s+(?:assessment|inspection|report)))?\s*"
    # ("in all three areas of the assessment; in how it understands ...; in how it uses ...": sypf-2017-...)
    r"(?P<list>[–—:;-]\s*|,?\s*(?:which\s+(?:also\s+)?)?includ(?:e|es|ed|ing)\s+|,?\s*in\s+particular\s+"
    r"|(?:[a-z]+ed\b[^.;:!?]{0,60}):\s*)?")
_LEADING = re.compile(r"(?i)^(?:(?:the\s+way\s+(?:it|the\s+(?:force|constabulary)|(?:[\w’'-]+\s+){1,3}(?:police"
                      # "the way Dorset Police uses its available resources" (dorset-police-2016-peel-statement)
                      r"|constabulary))|unfortunately|fortunately|and|or|with|while|whilst|the|its|their|our|his|her|a|an"
                      r"|how(?:\s+well)?|(?<=\bit\s)(?:is|was)|that|which|ability\s+to|(?:in|at|for)(?=\s+(?:how|the\s+way|its|their)\b)|(?:performance|work)\s+(?:in|on|at)|approach(?:es)?\s+to"
                      # "requires improvement in aspects of the way it investigates crime" (warwickshireworld-2022-...)
                      r"|(?:some\s+)?aspects\s+of"
                      r"|(?:force|constabulary)[’']s|(?:the\s+)?(?:force|constabulary)\s+(?:was|is|were)"
                      r"|it|they|has|have|been|also|all|both|where|when|although|though|because|since)\s+)+")


def _clean_area(phrase: str) -> str:
    """An area as written ('the force’s ability to investigate crime') made a label ('Ability to investigate crime')."""
    phrase = flat(phrase).strip(" ,.;:–—-‘’'\"“”")
    phrase = _LEADING.sub("", phrase).strip(" ,.;:–—-‘’'\"“”")
    words = phrase.split()
    if words and words[0].lower() in BASE_VERBS:
        words[0] = BASE_VERBS[words[0].lower()]
        phrase = " ".join(words)
    elif (len(words) > 1 and _FINITE_VERB.fullmatch(words[0]) and words[0].lower() not in {"has", "was", "does"}
          and words[1].lower() in _DETERMINERS):
        # the verb of "how it maintains an ethical culture" as the area's gerund: "Maintaining an ethical culture"
        words[0] = _gerund(words[0])
        phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:]


# A verb's third person ("maintains", "uses", "understands"), not a noun in -ss, -us, -is, -ness or -ics.
_FINITE_VERB = re.compile(r"(?i)[a-z]{2,}(?<!s|u|i)(?<!nes)(?<!ic)s")
_DETERMINERS = {"a", "an", "the", "its", "their", "all", "this", "these", "those", "any"}


def _gerund(verb: str) -> str:
    """'maintains' -> 'maintaining', 'uses' -> 'using', 'investigates' -> 'investigating', 'carries' -> 'carrying'."""
    word = verb.lower()
    if word.endswith("ies"):
        return word[:-3] + "ying"
    if re.search(r"(?:[sgtkcvdz]|sh|ch|x)es$", word):
        return word[:-2] + "ing"
    return word[:-1] + "ing"


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
        if _EARLIER_IN_CLAUSE.search(text, before_start, match.start()):
            continue  # a grade of an unnamed earlier inspection: "..., previously the Force were rated as requiring"
        areas: list[tuple[int, int, str, bool]] = []
        counted_only = False  # the grade's areas only counted ("good in most areas")
        # Free wording of an area counts after a grade that is quoted or named as one ("graded as good"),
        # not after praise ("good at keeping people updated"): there only the inspectorate's areas count.
        strong = bool(match.group("open") and match.group("close")) or bool(re.search(
            r"(?i)\b(?:grad|rat|rank|judg|deem|assess|found)\w*\s+(?:" + _OBJECT + r")?(?:as\s+|to\s+be\s+)?$",
            text[:match.start()]))
        rest = text[match.end():after_end]
        strong = strong or bool(_RATING_OVERALL.match(rest))
        # (one thing it does: not two, "catching criminals and resolving investigations")
        found = _FINDING_AREA.match(rest) if _finding_subject(x, block, text, match.start()) else None
        finding = bool(found and not re.search(r"\band\s+[a-z]+ing\b", found.group("area")))
        strong = strong or finding  # the inspectorate's finding, a sentence of its own
        if n == len(grades) - 1 and _HEADS_A_LIST.fullmatch(rest):
            return _grade_word(match.group("grade")), block.span(match.start(), match.end())[0]
        forward = _FORWARD.match(rest)
        # "outstanding in how it maintains an ethical culture": the inspectorate's question ("How well does the force
        # ...?") in its words, what the force does (hmicfrs-peel-2018-19-south-yorkshire)
        how_it = not strong and bool(forward and re.search(
            r"(?i)\b(?:how|the\s+way)\s+(?:it|the\s+force|the\s+constabulary)\s+$", forward.group()))
        if not forward and not text[:match.start()].strip(" •▪●◦·*-"):
            forward = re.match(r"\s*[–—:-]\s*", rest)  # "Good: preventing crime, investigating crime and ..."
        the_area = _THE_AREAS_WERE.match(rest) if _AREAS_GRADED.search(text[:match.start()]) else None
        if the_area and not the_area.group("areas") and re.search(r"(?i)\bthe\s*$", text[:match.start()]):
            the_area = None  # "the good ... were": the areas must be named ("The outstanding areas were ...")
        # "it requires improvement to its future workforce planning" (dorset-police-2016-peel-statement)
        finite = re.fullmatch(r"(?i)requir(?:es|ed)\s+improvement", match.group("grade"))
        to_its = _TO_ITS.match(rest) if finite else None
        cue = the_area or forward or to_its
        rating = _AREA_RATING.match(rest)
        if rating and canonical_area(rating.group("area")):
            cue = None
            areas = _areas_in(text, match.end() + rating.start("area"), rating.group("area"), False)
        if to_its and not forward:
            strong = True
        if cue:
            if re.search(r"(?i)includ(?:ing|ed?|es)\s+$", cue.group()):
                strong = False  # "across areas including ...": examples, graded only if they are the inspectorate's
            begin = match.end() + cue.end()
            segment = text[begin:after_end]
            count = _COUNT_OF_AREAS.match(segment)
            counted_only = bool(count) and not count.group("list")
            if count:
                # "in three areas: A, B and C" names them; "in three areas according to ..." does not
                begin += count.end()
                segment = text[begin:after_end] if count.group("list") else ""
                if count.group("list") and "includ" in count.group("list"):
                    strong = False  # "several key areas, which also include ...": examples, as "including"
                elif count.group("list") and re.match(r"\s*[:;]", count.group("list")):
                    strong = True  # the counted areas, listed: "in all three areas of the assessment; in how it ..."
            # a word that ends most lists may be part of the area: "protecting people who are vulnerable through
            # their age": the first end that leaves one of the inspectorate's areas, else the first; never past
            # the clause's punctuation
            # (a list the count introduces with a semicolon is cut by semicolons: it ends with the sentence)
            listed_by_semicolons = bool(count and re.match(r"\s*;", count.group("list") or ""))
            clause_end = re.search(r"[.?!(](?!\d)" if listed_by_semicolons else r"[.;:?!(](?!\d)", segment)
            # ("the effectiveness with which <the force> tackles ...": its "which" ends nothing)
            asked = _WITH_WHICH.match(segment)
            stops = [m.start() for m in _STOP.finditer(segment, asked.end() if asked else 0,
                                                        clause_end.start() if clause_end else len(segment))]
            stops = [] if listed_by_semicolons else stops[:3]
            stops = stops + [clause_end.start() if clause_end else len(segment)]
            if to_its and cue is to_its:  # "to its future workforce planning to prepare for ...": its purpose ends it
                purpose = _PURPOSE.search(segment)
                stops = sorted(stops + [purpose.start()]) if purpose else stops
            cut = next((c for c in stops if canonical_area(segment[:c])), stops[0])
            if areas_listed(segment[:cut]):
                cut = _list_goes_on(segment, cut, strong)
            segment = segment[:cut]
            areas = _areas_in(text, begin, segment, strong)
            pillar_report = _PILLAR_REPORT.match(text, begin, after_end)
            if pillar_report:
                # "classed as good in efficiency reports examining how well they understand demand, use resources
                # and plan for the future" (yorkshirepost-2017-yorkshire-forces-efficiency): the report's pillar, not
                # the questions it examines
                areas = _areas_in(text, pillar_report.start("pillar"), pillar_report.group("pillar"), False)
            if not areas and how_it:
                # what the force does, in its words, up to the first comma or "and": one area; not one of two
                # actions ("in how it uses its police powers and engages with the public": wiredgov-2024-cambridgeshire-
                # peel), nor what follows a comma ("..., with its chief officers ... scrutinising standards")
                first = re.split(r"\s*[,;(]|\s+and\s+", segment, maxsplit=1)
                if not (len(first) == 2 and _FINITE_VERB.match(first[1].split(" ", 1)[0] if first[1] else "")):
                    areas = _areas_in(text, begin, first[0], True)
            if finding and not areas_listed(found.group("area")):
                # one area in the finding's words, not a list: "behaving ethically and lawfully" (not what follows it:
                # the report it is according to, its purpose)
                begin, segment = match.end() + found.start("area"), found.group("area")
                areas = [(begin, begin + len(segment.rstrip()), _clean_area(segment), False, _clean_area(segment))]
            if not areas and _FORWARD_PERFORMANCE.match(rest):
                # "outstanding performance in relation to the activities of the Force when recording data about
                # crime" (northamptonshire-pfcc-peel-2023-25-response): the inspectorate's area ending the phrase
                areas = _ending_area(text, begin, segment)
        if not areas:
            head = text[before_start:match.start()]
            verbs = _VERBS_BEFORE.search(head)
            dash = _DASH_BEFORE.search(head)
            # "The extent to which the constabulary is legitimate at keeping people safe and reducing crime is:
            # good." (hmic-peel-2016-cumbria): a verb before the colon, a sentence's grade, not a line's "Area – Good"
            verb_colon = _VERB_COLON.search(head) if dash else None
            if verb_colon:
                dash = None
                verbs = verb_colon
            stop_at = (dash.start() if dash else verbs.start()) if (dash or verbs) else len(head)
            leading = head[:stop_at]
            pillar = list(_PILLAR.finditer(leading))
            clause = max([m.end() for m in _CLAUSE.finditer(leading)] or [0])
            sentence = max([m.end() for m in re.finditer(r"[.;?!]\s", leading)] or [0])
            # "the efficiency with which it keeps ...": the pillar's wording holds clause words ("with")
            cut = pillar[-1].start() if pillar and pillar[-1].start() >= sentence else clause
            segment = leading[cut:]
            if (_GRADED_OBJECT.search(leading[:cut]) and len(segment.split()) <= 4
                    and not re.search(r"\w[’']s\b|(?i:^\s*(?:that|how|whether|its|their)\b)", segment)):
                # the object of a verb of grading is the force graded, not an area: "grading the ‘Met’ as adequate"
                # (publicsectorexecutive-2024-metropolitan-peel); not its possession, "judged Bedfordshire Police’s
                # crime recording as", "rates its ability to investigate crime as" (thurrock-2022-essex-peel), nor a
                # clause, "assessed that the way Dorset Police uses ..."
                segment = ""
            # the grade as the clause's verb ("performance within the ‘developing a positive workforce’ category
            # required improvement": dyfed-powys-panel-peel-assessment)
            # (not "to" alone: "Commissioner responds to ‘Good’ HMIC grade", south-wales-pcc-vetting-corruption-...)
            grading_words = dash or (verbs and verbs.group().strip() not in ("", "to")) or "extent to which" in fold(
                segment) or (
                finite and bool(verbs))
            if grading_words and (dash is None or len(leading.split()) <= 8):
                areas = _areas_in(text, before_start + cut, segment, strong)
                antecedent = _ANTECEDENT.search(segment)
                if not areas and antecedent and verbs and re.search(r"(?i)\bwhich\b", verbs.group()):
                    # the area a relative clause grades is the noun before it: "the area of Crime Data accuracy, which
                    # was inspected by HMICFRS previously and which is rated as ‘Outstanding’" (essex-police-2022-...)
                    segment = segment[:antecedent.start()]
                if not areas and verbs and re.search(r"(?i)\b(?:grad|rat|rank|judg|deem|assess)\w*", verbs.group()):
                    # the area ends the clause before a verb of grading: "the force must improve how it investigates
                    # crime, which was graded as ..." (the longest ending of two words or more that is one; not
                    # before a bare "is": "the force's initial investigation of crime is good" is praise)
                    start, phrase = cut, segment
                    ending = next((m.start() for m in re.finditer(r"\S+", phrase)
                                   if len(phrase[m.start():].split()) >= 2 and canonical_area(phrase[m.start():])),
                                  None)
                    if ending is None:
                        # back past a clause's word, to an area named in a few words, no pillar: "the work of
                        # Northumbria Police in dealing with Anti-social behaviour assessed as ‘outstanding’"
                        # (northumbria-pcc-2015-crime-inspection-response); not "... inspection is an independent
                        # review ... with each category rated outstanding, good, ..." (itv-2024-cumbria-peel)
                        start = min(cut, max(sentence, 0))
                        phrase = leading[start:cut] + segment
                        ending = next((m.start() for m in re.finditer(r"\S+", phrase)
                                       if 2 <= len(phrase[m.start():].split()) <= 6
                                       and canonical_area(phrase[m.start():]) not in ("", *PILLARS.values())), None)
                    if ending is not None:
                        areas = _areas_in(text, before_start + start + ending, phrase[ending:], False)
        grade = _grade_word(match.group("grade"))
        earlier = None if areas else _LAST_YEARS.search(text, before_start, match.start())
        if earlier and canonical_area(earlier.group("area")):
            start, end = block.span(earlier.start("area") - len("last year’s "), match.end())
            add(canonical_area(earlier.group("area")), grade, start, end, False, earlier.group("area"), earlier=True)
            continue
        if not areas and strong and not counted_only:
            # (a grade counted over areas it does not name is no grade of the force as a whole: "requires
            # improvement" in half of its graded areas" gives a figure, not the report's area)
            areas = _report_area(x, text, before_start, match)
        on = _sentence_scale(text, match.start())
        if not areas and not counted_only:
            # the area in the next sentence, its pillar's reports: "... were among 10 forces nationwide deemed to need
            # improvement by HMICFRS." / "West Yorkshire Police was one of 30 forces classed as good in efficiency
            # reports ..." (yorkshirepost-2017-yorkshire-forces-efficiency; GUIDE.md's round-6 call), one judgement for
            # each force the sentence opens with
            pillar = _next_sentences_pillar(x, block, text, match)
            forces = _listed_forces(x, block, text, match.start()) if pillar else []
            sentence = max([m.end() for m in re.finditer(r"[.;!?]\s", text[:match.start()])] or [0])
            start, end = block.span(sentence, match.end())
            for force in forces:
                add(pillar, grade, start, end, False, pillar, force=force, on=on if on != scale(x) else "")
        force = _graded_force(x, block, text, match.start()) if areas else ""
        for a, b, label, quoted, wording in areas:
            start, end = block.span(min(a, match.start()), max(b, match.end()))
            add(label, grade, start, end, quoted, wording, force=force, on=on if on != scale(x) else "")
        same = _SAME_AS_LAST_YEAR.search(text, match.end(), _sentence_end(text, match.end(), 2))
        if same and not any(match.end() < g.start() < same.start() for g in grades):
            for a, _b, label, quoted, wording in areas:
                start, end = block.span(min(a, match.start()), same.end())
                add(label, grade, start, end, quoted, wording, earlier=True, force=force)
    return None


# ---------------------------------------------------------------------------- round 7's forms
_GRADE_WORDS = r"outstanding|good|adequate|inadequate|requir(?:es|ed|ing)\s+improvement"
# A grade named as a category, its areas listed after a colon: "Under the ‘adequate’ grade was: recording data about
# crime; police powers and public treatment; ..." (sussexexpress-2025-sussex-peel-mostly-adequate).
_UNDER_THE_GRADE = re.compile(
    r"(?i)\b(?:under|in|within|into)\s+the\s+[‘'\"“]?(?P<grade>" + _GRADE_WORDS + r")[’'\"”]?\s+"
    r"(?:grades?|gradings?|category|categories|ratings?|bands?|judge?ments?)\s*(?:(?:was|were|are|is|came|fell|sat)\s*)?"
    r":\s*(?P<areas>[^.!?\n]+)")
# The one area excepted from a grade, with its own: "... is ‘good’ or ‘adequate’ in all areas, except investigating
# crime, where it 'requires improvement'" (sussexexpress-2025-sussex-peel-mostly-adequate).
_EXCEPT_WHERE = re.compile(
    r"(?i)\bexcept(?:\s+for|\s+in)?\s+(?P<area>[^,.;:!?]{3,80}?),?\s+where\s+(?:it|the\s+force|the\s+constabulary"
    r"|they|we)\s+(?:(?:is|was|are|were)\s+)?(?:(?:rated|graded|judged|assessed|deemed|found)\s+(?:as\s+|to\s+be\s+)?)?"
    r"[‘'\"“]?(?P<grade>" + _GRADE_WORDS + r")")
# An earlier grade of the area the sentence before graded, with its year: "This is a significant improvement from the
# ‘inadequate’ grading it received in this area in 2023." (sussexexpress-2025-sussex-peel-mostly-adequate); GUIDE.md's
# round-6 call: an item of its own when the grades differ.
_EARLIER_IN_THIS_AREA = re.compile(
    r"(?i)\bthe\s+[‘'\"“]?(?P<grade>" + _GRADE_WORDS + r")[’'\"”]?\s+(?:grade|grading|rating|judge?ment)\s+"
    r"(?:it|the\s+force|the\s+constabulary|they|we)\s+(?:had\s+)?(?:received|was\s+given|got|was\s+awarded|were\s+given)"
    r"\s+(?:in|for)\s+(?:this|that|the\s+same)\s+area\s+in\s+(?P<year>20[12]\d)\b")
# The three pillars named collectively: "We have graded Cleveland as inadequate in each of the three pillars"
# (hmicfrs-2019-peel-spotlight-group-2-foreword): one judgement per pillar.
_EACH_PILLAR = re.compile(
    r"(?i)(?<![\w-])[‘'\"“]?(?P<grade>" + _GRADE_WORDS + r")[’'\"”]?\s+(?:in|across|for|on)\s+"
    r"(?:each\s+of\s+|all\s+(?:of\s+)?)(?:the\s+|its\s+|their\s+)?(?:three|3)\s+(?:PEEL\s+)?pillars\b")


def named_grade_forms(x, block, add_labelled, add) -> None:
    """Round 7's forms, each a grade and its areas in a shape the grammar of prose_grades does not read: a grade
    named as a category heading a list ("Under the ‘adequate’ grade was: A; B; C"), the one area an "except ...,
    where it" gives its own grade, the three pillars named collectively ("in each of the three pillars"), and an
    earlier grade of the area the sentence before graded ("the ‘inadequate’ grading it received in this area in
    2023", on that year's scale)."""
    text = block.doc.text
    for match in _UNDER_THE_GRADE.finditer(text):
        for _a, b, label, quoted, wording in _areas_in(text, match.start("areas"), match.group("areas"), True):
            start, end = block.span(match.start(), b)
            add_labelled(label, _grade_word(match.group("grade")), start, end, quoted, wording)
    for match in _EXCEPT_WHERE.finditer(text):
        for a, _b, label, quoted, wording in _areas_in(text, match.start("area"), match.group("area"), False):
            start, end = block.span(a, match.end("grade"))
            add_labelled(label, _grade_word(match.group("grade")), start, end, quoted, wording)
    for match in _EACH_PILLAR.finditer(text):
        start, end = block.span(match.start(), match.end())
        force = _graded_force(x, block, text, match.start())
        for pillar in ("Effectiveness", "Efficiency", "Legitimacy"):
            add_labelled(pillar, _grade_word(match.group("grade")), start, end, False, pillar, force=force)
    for match in _EARLIER_IN_THIS_AREA.finditer(text):
        start, end = block.span(match.start(), match.end())
        before = [j for j in x.draft.judgements if j["offsets"][-1] <= start and start - j["offsets"][-1] < 400]
        round_ = peel_round(match.group("year"))
        if not before or not round_:
            continue
        on = "five-point" if round_ in ("2021-22", "2023-25") else "four-point"
        add(before[-1]["area"], _grade_word(match.group("grade")), start, end, on=on if on != scale(x) else "")


# An earlier grade in the grade's own clause, its inspection unnamed: "This would seek to give a rating on how effective
# South Yorkshire Police are at keeping people safe and reducing crime, previously the Force were rated as requiring
# improvement" (rotherham-2016-south-yorkshire-panel-hmic-update): GUIDE.md's "a grade of an unnamed earlier round".
_EARLIER_IN_CLAUSE = re.compile(r"(?i)\b(?:previously|formerly)\b(?:(?!\b(?:and|but)\b)[^,;:.!?–—()])*$")


# A year the grade's sentence places it in, before it: "The Force was last inspected in 2018/19, when it was rated
# ‘good’ ..." (in a 2021 article), "In 2017, we judged ... to be good at ..." (not "since 2019": a time since).
_IN_YEAR = re.compile(r"(?i)\b(?:in|during)\s+(?:the\s+|its\s+|our\s+)?(?P<year>20[12]\d)(?:\s*[/–-]\s*\d\d)?\b")


def _sentence_scale(text: str, at: int) -> str:
    """The scale of the PEEL round the grade's own sentence names by its year ('four-point' for 2014 to 2018/19,
    'five-point' from 2021/22), or '' when it names none."""
    sentence = max([m.end() for m in re.finditer(r"[.;!?]\s", text[:at])] or [0])
    years = [m.group("year") for m in _IN_YEAR.finditer(text, sentence, at)]
    round_ = peel_round(years[-1]) if years else ""
    return "" if not round_ else "five-point" if round_ in ("2021-22", "2023-25") else "four-point"


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


# A verb of grading right before the grade, whose area the sentence does not name ("deemed to need improvement").
_GRADED_AS = re.compile(r"(?i)\b(?:grad|rat|judg|deem|assess|class|found)\w*\s+(?:as\s+|to\s+(?:be\s+)?)?[‘'\"“]?$")


def _next_sentences_pillar(x, block, text: str, match) -> str:
    """The pillar whose reports the sentence after a grade names, when the grade's own sentence names no area
    ("deemed to need improvement by HMICFRS." / "... classed as good in efficiency reports"), or ''."""
    sentence = max([m.end() for m in re.finditer(r"[.;!?]\s", text[:match.start()])] or [0])
    if not _GRADED_AS.search(text, sentence, match.start()):
        return ""
    rest = text[match.end():]
    stop = re.search(r"[.!?](?:\s|$)", rest)
    if not stop or rest[stop.end():].strip():
        return ""  # the grade's sentence does not end its block: not the next sentence's area
    after = block.span(0, len(text))[1]
    following = x.text[after:after + 600].lstrip()
    sentence_end = re.search(r"[.!?](?:\s|$)", following)
    following = following[:sentence_end.end()] if sentence_end else following
    named = re.search(r"(?i)\b(?:in|on|by)\s+(?:the\s+|their\s+|its\s+)?(?P<pillar>effectiveness|efficiency|legitimacy)"
                      r"\s+(?:reports?|inspections?|assessments?)\b", following)
    return named.group("pillar").capitalize() if named else ""


def _listed_forces(x, block, text: str, at: int) -> list[str]:
    """The forces a sentence opens with as its subject, two or more ("North Yorkshire Police, South Yorkshire Police
    and Humberside Police were among ..."), or []."""
    sentence = max([m.end() for m in re.finditer(r"[.;!?]\s", text[:at])] or [0])
    listed = re.match(r"\s*(?P<list>(?:[A-Z][\w’'-]*\s+){1,3}(?:Police|Constabulary)(?:(?:\s*,\s*|\s+and\s+)"
                      r"(?:[A-Z][\w’'-]*\s+){1,3}(?:Police|Constabulary))+)\s+(?:were|are|have|had)\b",
                      text[sentence:at])
    if not listed:
        return []
    start, end = block.span(sentence + listed.start("list"), sentence + listed.end("list"))
    forces = []
    for hit in x.hits_in(start, end):
        if x.gazetteer.type_of(hit.entity) == "PoliceForce" and hit.entity not in forces:
            forces.append(hit.entity)
    return forces if len(forces) >= 2 else []


# A capitalised name of one to three words, which may be a force's or its area's ("Leicestershire’s officers").
_CAPITALISED_NAME = re.compile(r"(?<![\w’'-])[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*){0,2}")


def _last_force_named(x, at: int, window: int = 1500) -> str:
    """In a text about several forces, none its subject, the force named last before a grade that names none ("The
    force was ‘outstanding’ in three areas" after "... left Leicestershire in excellent order": policeoracle-2022-five-
    forces-peel), by its name or its area's, within `window` characters; '' when none is."""
    names = [(h.end, h.entity) for h in x.hits_in(max(0, at - window), at)
             if x.gazetteer.type_of(h.entity) == "PoliceForce"]
    for name in _CAPITALISED_NAME.finditer(x.text, max(0, at - window), at):
        for form in (name.group() + " Police", name.group() + " Constabulary"):
            found = x.gazetteer.lookup(form)
            if found and x.gazetteer.type_of(found) == "PoliceForce":
                names.append((name.end(), found))
                break
    return max(names)[1] if names else ""


# A place's name as the subject of a verb ("North Wales was graded"), which may name a force.
_FORCE_BY_AREA = re.compile(
    r"(?<![\w’'-])(?P<area>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s+(?=(?:was|were|is|has|had)\b)")
# Words between a force and a grade that give the grade another subject.
_NEW_SUBJECT = re.compile(
    r"(?i)\b(?:the\s+(?:force|constabulary)|it|its|we|our|while|whilst|whereas|although|though)\b")


# The inspectorate's findings, each a sentence: the force, "is <grade> at" and what it does, no more ("Lancashire
# Constabulary is good at prioritising prevention and problem solving.", "Hertfordshire Constabulary is good at behaving
# ethically and lawfully.": hmicfrs-peel-2018-19-lancashire-effectiveness-findings, ...-hertfordshire-legitimacy):
# the area in the inspectorate's words, not praise of a task ("good at keeping people updated, but ...").
# (by the force's name: a page's headline findings; "The force is good at spotting vulnerable people when they first
# contact the force." in the narrative below them is the gold's praise, hmicfrs-peel-2018-19-lincolnshire-effectiveness)
_FINDING_SUBJECT = re.compile(r"(?:(?:^|[.!?]\s+)(?:[A-Z][\w’'-]*\s+){1,3}(?:Police|Constabulary|Service)"
                              # or reported as the inspectorate's: "In particular, the report highlights that Gwent
                              # Police is good at responding to incidents involving vulnerable victims" (gwent-pcc-2019)
                              r"|\b(?:found|finds|highlights|highlighted|concluded|concludes)\s+that\s+(?:the\s+(?:force"
                              r"|constabulary)|(?:[A-Z][\w’'-]*\s+){1,3}(?:Police|Constabulary|Service)))\s+is\s+"
                              r"(?:also\s+)?$")
_FORCE_IS = re.compile(r"(?:[A-Z][\w’'-]*\s+){1,3}(?:Police|Constabulary|Service)\s+is\s+(?:also\s+)?$")


def _finding_subject(x, block, text: str, at: int) -> bool:
    """Whether the force named opens the finding's sentence, or its line, under a heading the block ran into it
    ("Prioritising crime prevention" / "Lancashire Constabulary is good at ...")."""
    if _FINDING_SUBJECT.search(text, 0, at):
        return True
    named = _FORCE_IS.search(text, 0, at)
    if not named:
        return False
    start = block.span(named.start(), named.start() + 1)[0]
    return x.text[max(0, start - 1):start] == "\n" and not re.search(r"[.,;:]\s*$", x.text[:start])


_FINDING_AREA = re.compile(r"\s+at\s+(?P<area>[a-z]+ing\s[^.,;:!?()]{3,80})(?:\.(?:\s|$)"
                           # what it does it for, or how: "... is good at prioritising prevention and problem solving
                           # to stop people becoming victims" (hmicfrs-peel-2018-19-lancashire-effectiveness-findings),
                           # "... at responding to incidents involving vulnerable victims, attending quickly enough"
                           r"|\s+to\s+(?!(?:the|its|their|a|an|all|and)\b)[a-z]+\b|,\s+[a-z]+ing\b"
                           # a news lead's finding and whose it is: "Cheshire Constabulary is outstanding at
                           # understanding its current and likely future demand, according to the latest ... report"
                           # (cheshire-pcc-2016-hmic-efficiency-statement)
                           r"|,\s+(?:according\s+to|(?:the\s+)?(?:report|inspectorate|inspectors|HMIC\w*)\s+(?:has\s+)?"
                           r"(?:said|says|found|finds))\b)")


# A grade inside the subject that names the graded areas after a verb: "The outstanding areas were preventing
# crime ..." (sypf-2022-south-yorkshire-peel), "the ‘inadequate’ areas included how the force protects ..."
# (hmicfrs-2022-gloucestershire-peel-news), "Areas found to require improvement were responding to the public,
# ..." (watfordobserver-2024-hertfordshire-peel).
_AREAS_GRADED = re.compile(r"(?i)(?:\bthe|\bareas?\s+(?:(?:found|judged|graded|rated|assessed|deemed|considered"
                           r"|highlighted|identified|noted|singled\s+out)\s+)?"
                           r"(?:to\s+(?:be\s+)?|as\s+)?)\s*$")
_THE_AREAS_WERE = re.compile(r"(?i)\s*(?P<areas>areas?\s+)?(?:was|were|included|includes|are|is)\s+")
_PURPOSE = re.compile(r"(?i)\s(?:in\s+order\s+)?to\s+(?!(?:the|its|their|our|a|an)\b)(?![a-z]+ing\b)[a-z]+")
_TO_ITS = re.compile(r"(?i)\s*to\s+(?=(?:its|the|their|our)\s)")
# A grade of performance, then the cue of its area: "outstanding performance in relation to ...".
_FORWARD_PERFORMANCE = re.compile(r"(?i)^\s*performance\s+")


# A pillar's report after a grade's cue, whatever it goes on to say it examines: "good in efficiency reports examining
# how well they ...", "good in the latest legitimacy inspection, which looked at ...".
_PILLAR_REPORT = re.compile(r"(?i)\s*(?:(?:the|its|their|this\s+year[’']s|latest|recent|new|annual|PEEL|HMIC\w*)\s+)*"
                            r"(?P<pillar>effectiveness|efficiency|legitimacy)\s+(?:reports?|inspections?|assessments?)\b")


# Where a list of areas may go on: a comma or semicolon, maybe with "and", or "and" alone.
# (its preposition repeated before a doing: "requires improvement at treating the public fairly and on behaving
# ethically and lawfully", hmicfrs-peel-2018-19-gwent-legitimacy-findings)
_NEXT_AREA = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+(?:(?:at|in|on|for)\s+(?=[a-z]+ing\s))?")


def _list_goes_on(segment: str, cut: int, strong: bool = False) -> int:
    """Where a list of the inspectorate's areas ends, past a stop that would end a clause, while what follows is
    another of its areas: "adequate at preventing crime, its treatment of the public, protecting vulnerable people;
    developing a positive workplace and making good use of resources" (warwickshireworld-2022-warwickshire-peel);
    the longest piece up to the next comma that is one ("tackling serious and organised crime"). After a grade named
    as one ("rated good for"), a list cut by semicolons goes on while each item names what the force does: "rated good
    for understanding its demand; how well it uses its demand; and for how well it is planning for the future"
    (northumberlandgazette-2017-northumbria-peel-efficiency)."""
    while True:
        sep = _NEXT_AREA.match(segment, cut)
        if not sep:
            return cut
        # after a semicolon the items are the list's, commas inside them ("protecting vulnerable people; building,
        # supporting and protecting the workforce, and strategic planning, ...": wiredgov-2022-derbyshire-peel)
        semicolons = ";" in sep.group() or ";" in segment[:cut]
        stop = re.compile(r"[;.!?(:]" if semicolons else r"[,;.!?(:]").search(segment, sep.end())
        limit = stop.start() if stop else len(segment)
        ends = [m.start() for m in re.finditer(r",?\s+and\s+|,\s*" if semicolons else r"\s+and\s+",
                                               segment[sep.end():limit])]
        ends = [limit - sep.end(), *reversed(ends)]
        piece_end = next((sep.end() + n for n in ends if _whole_area(segment[sep.end():sep.end() + n])
                          or strong and ";" in sep.group() and n == ends[0]
                          and _acceptable(_clean_area(segment[sep.end():sep.end() + n]), False)), None)
        if piece_end is None:
            return cut
        cut = piece_end


def _whole_area(piece: str) -> bool:
    """Whether a phrase is one of the inspectorate's areas and no more ("its treatment of the public"; not
    "Legitimacy in the other two parts of the PEEL assessment")."""
    label = _clean_area(piece)
    area, size, _name = area_match(label)
    if not area:
        return False
    return len(label.split()) <= 2 if area in PILLARS.values() else size >= len(set(area_stems(label)))


def areas_listed(segment: str) -> bool:
    """Whether every item of a list is one of the inspectorate's areas."""
    pieces = listed_areas(segment)
    return bool(pieces) and all(canonical_area(_clean_area(segment[p[0]:p[1]] if len(p) == 2 else p[2]))
                                for p in pieces)


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
        x._report_area = _title_area(x.title) or _title_area(_linked_report(x.text))
        if x._report_area:
            return x._report_area
        # (not a pillar's word asked of another question: "the effectiveness with which South Wales Police tackles
        # corruption and vetting")
        text = _ALL_PILLARS.sub("", x.text)
        pillars = {(m.group("noun") or PILLARS[m.group("adj").lower()]).capitalize()
                   for m in _PILLAR_WORDS.finditer(text) if not _asks_another(text, m.start())}
        x._report_area = pillars.pop() if len(pillars) == 1 else ""
    return x._report_area


def _asks_another(text: str, at: int) -> bool:
    """Whether the pillar's word at `at` asks of another question than the pillar's own ("the effectiveness with
    which the force tackles corruption"), not of keeping people safe and reducing crime."""
    asked = _PILLAR_ASKED.match(text, at)
    return bool(asked) and not _PILLARS_OWN.search(text, asked.end(), asked.end() + 100)


def _linked_report(text: str) -> str:
    """The title of the report a news page links to, on the line after its "Get the report" ("Thames Valley
    Police: Crime Data Integrity inspection 2017", hmicfrs-2018-thames-valley-crime-data-integrity-news)."""
    lines = iter(text.splitlines())
    for line in lines:
        if P.REPORT_LINK.match(line):
            return next((after for after in lines if after.strip()), "")
    return ""


def _title_area(title: str) -> str:
    """The one area a title names: a pillar (PEEL Efficiency Report 2016), else the longest of the inspectorate's
    other areas it names (Crime Data Integrity), or ''."""
    title = _ALL_PILLARS.sub("", title)
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
    return pillars.pop() if len(pillars) == 1 else ""


def _report_area(x, text: str, before_start: int, match) -> list[tuple[int, int, str, bool, str]]:
    """The report's area for a grade given to the force as a whole, with the clause that gives it."""
    clause_start = max([m.end() for m in re.finditer(r"[.;:!?]\s", text[:match.start()])] or [0])
    head = text[max(clause_start, before_start if before_start > clause_start else clause_start):match.start()]
    # the one pillar the grade's sentence names, else the report's ("The second report ‘Police Legitimacy’, which
    # was published on 11 February 2016, focused on ... with an overall grading of ‘good’": dorset-police-2016-...)
    sentence = text[max([m.end() for m in re.finditer(r"[.;!?]\s", text[:match.start()])] or [0]):match.start()]
    overall = _RATING_OVERALL.match(text, match.end())
    pillars = {(m.group("noun") or PILLARS[m.group("adj").lower()]).capitalize()
               for m in _PILLAR_WORDS.finditer(_ALL_PILLARS.sub("", sentence))}
    if not pillars and overall:
        # the paragraph's one pillar, named in the sentence before ("... inspection result on the legitimacy of Essex
        # Police by HMICFRS. As well as achieving a “good” rating overall": essex-pfcc-2017-hmic-reports-legitimacy)
        pillars = {(m.group("noun") or PILLARS[m.group("adj").lower()]).capitalize()
                   for m in _PILLAR_WORDS.finditer(_ALL_PILLARS.sub("", text[:match.start()]))}
    area = pillars.pop() if len(pillars) == 1 else report_area(x)
    alone = len(text.split()) <= 3  # "graded good" on its own line, under "Overall judgment"
    # the grade's own clause after it ("... in the same area last month"; not "..., a grade higher than last
    # year's", nor "which was unchanged from last year")
    tail = re.split(r"[.,;:!?(–—]|\b(?:which|that|but|and)\b", text[match.end():], maxsplit=1)[0]
    if (not area or _NOT_THIS_GRADE.search(_DATE.sub("", head)) or _EARLIER_AFTER.search(tail)
            or not (alone or overall or _THIS_FORCE.search(head))):
        return []
    lead = len(head) - len(head.lstrip())
    return [(match.start() - len(head) + lead, overall.end() if overall else match.end(), area, False, "")]


def _grade_word(word: str) -> str:
    word = " ".join(fold(word).split())
    return "requires improvement" if "improvement" in word else word


def _grading(text: str, match) -> bool:
    """Whether a grade word is a grade ("was graded 'good'"), not an adjective ("good progress")."""
    quoted = bool(match.group("open") and match.group("close"))
    before = text[:match.start()]
    after = text[match.end():]
    word = match.group("grade").lower()
    if _HOPED_FOR.search(before) and not (_OPENING_INFINITIVE.search(before) and _PRAISE_OF_IT.match(after)):
        return False  # hoped for: "there is still room for some improvement for it to be judged as ‘outstanding’"
    if _AREA_RATING.match(after) and canonical_area(_AREA_RATING.match(after).group("area")):
        return True  # "received a good efficiency rating" (durham-panel-peel-2014-update)
    if _RATING_OVERALL.match(after):
        return True  # "Northumbria received a good rating overall" (northumberlandgazette-2017-northumbria-...)
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
    if forward and re.search(r"(?i)(?:inspection|report|assessment)\s+(?:on|of|into)\s+$", forward.group()):
        return bool(_GRADING_CONTEXT.search(before[-40:]))  # "rated as good in the latest inspection on legitimacy"
    bare = forward and re.fullmatch(r"(?i)\s*(?:[–—:-]\s*)?(?:at|in|for)\s+", forward.group())
    # "good in the community" is no grade; "judged to be outstanding in its understanding of demand" is
    if forward and not (bare and re.match(r"(?i)\s*(?:at|in|for)\s+(?:a|an|the|this|that|our|all)\b", after)):
        return bool(_GRADING_CONTEXT.search(before[-40:]) or re.search(r"(?i)(?:,|\band)\s*$", before))
    if _HEADS_A_LIST.fullmatch(after):
        return bool(_GRADING_CONTEXT.search(before[-40:]))
    if re.match(r"\s*(?:[.;,]|$|\s[–—-]\s)", after):
        return bool(_GRADING_CONTEXT.search(before[-40:]) or _DASH_BEFORE.search(before)
                    or re.match(r"\s*\.", after) and _EXTENT_SENTENCE.search(before))
    return False


# The inspectorate's sentence of a pillar's grade, its verb lost from the stored page: "The extent to which the force is
# effective at keeping people safe and reducing crime good." (hmicfrs-peel-2017-northumbria).
_EXTENT_SENTENCE = re.compile(r"(?i)(?:^|[.!?]\s+)the\s+extent\s+to\s+which\s+the\s+(?:force|constabulary)\s+(?:is\s+)?"
                              r"(?:effective|efficient|legitimate|operates|treats)\b[^.!?]*\s$")


# A grade as the adjective of the rating of the force as a whole: "a good rating overall", "a “good” rating overall".
_RATING_OVERALL = re.compile(r"(?i)[’'\"”]?\s+(?:rating|grade|grading|judge?ment)\s+overall\b")


# A grade as the adjective of a rating that names its area: "a good efficiency rating", "an outstanding crime data
# integrity grade" (the area the inspectorate's, checked by canonical_area).
_AREA_RATING = re.compile(r"(?i)^\s+(?P<area>(?:[\w-]+\s+){0,4}?[\w-]+)\s+(?:rating|grade|grading|judge?ment)\b")


# A grade not given but aimed at: "for it to be judged as" (hmicfrs-2017-south-wales-crime-data-integrity-news), "to
# become", "aims to be".
_HOPED_FOR = re.compile(r"(?i)\bto\s+(?:be\s+(?:graded|rated|judged|assessed|deemed|considered)|become|achieve|reach)"
                        r"\s+(?:as\s+)?$|\b(?:aims?|aiming|ambition|strive|striving|aspires?|aspiration|hopes?)\s+to\s+be\s+$")


# A grade's infinitive opening its sentence, as the subject of praise of the grade, is a grade achieved: "To be rated
# ‘Outstanding’ for recording reported crime, with an overall accuracy rate of 96.6% ... - is a fantastic achievement"
# (kent-pcc-2019-crime-data-integrity-response); not "The aim is to be rated ‘Outstanding’".
_OPENING_INFINITIVE = re.compile(r"(?:^|[.!?]\s+|[“\"]\s*)To\s+be\s+(?:graded|rated|judged|assessed)\s+(?:as\s+)?$")
_PRAISE_OF_IT = re.compile(r"(?i)^[’'\"”]?(?:[^.!?]|\.(?=\d))*?\b(?:is|was)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}"
                           r"(?:achievement|accomplishment|success|credit|testament|tribute)\b")


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
        named = _WITH_WHICH.match(segment)
        if named and _asks_another(segment, lead):
            # "the effectiveness with which South Wales Police tackles corruption and vetting": the pillar's word
            # asked of another question, which is the area (south-wales-pcc-vetting-corruption-response); "the
            # efficiency with which it keeps people safe and reduces crime" is the pillar's own
            verb = named.group("verb").lower()
            label = f"{BASE_VERBS[verb]} {segment[named.end():].strip()}".capitalize()
            return [(begin + named.start("verb"), begin + len(segment.rstrip()), label, False, "")]
        return [(begin + lead, begin + len(segment.rstrip()), canonical_area(segment), False, "")]
    out = []
    for piece in listed_areas(segment):
        a, b = piece[0], piece[1]
        raw = piece[2] if len(piece) > 2 else segment[a:b]
        # quoted when the quotation closes in it ("“Although the force is judged as" opens a speech)
        quoted = bool(re.match(r"\s*[‘'\"“][^’'\"”]+[’'\"”]", segment[a:b]))
        canonical = canonical_area(raw) or canonical_area(_clean_area(raw))  # "ability to meet current demands"
        label = canonical or _clean_area(raw)
        if re.fullmatch(r"(?i)(?:the\s+)?(?:force|constabulary|service|police)", label.strip(" ‘’'\"“”")):
            continue  # the graded force ("The force was graded 'good'"), not an area
        if label and (canonical or ((strong or quoted) and _acceptable(label, quoted))):
            # the text's own words of a question it answers, kept to name it ("How well it uses its demand")
            asked = re.match(r"(?i)\s*(?:(?:and|or)\s+)?(?:(?:in|for|at)\s+)?(?=how\b)", raw)
            wording = flat(raw[asked.end():]).strip(" ,.;:") if asked else _clean_area(raw)
            out.append((begin + a, begin + b, label, quoted, wording[:1].upper() + wording[1:]))
    return out
