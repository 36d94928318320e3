"""Graded judgements: an inspection's grade for an assessed area, in every form the inspectorate and forces write them.
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.text import flat, fold


def area_entity(x, label: str, start: int, end: int) -> str:
    label = flat(label).strip(" ,.;:")
    label = label[0].upper() + label[1:]
    return x.entity("AssessedArea", label, start, end)


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


def known_area(x, label: str) -> str:
    """The graph's area of this report's round so labelled ('Investigating crime (PEEL 2018/19)' for
    'Investigating crime' in 2019); an area of another round is not this one."""
    found = x.gazetteer.lookup(label)
    if found and x.gazetteer.type_of(found) != "AssessedArea":
        return found
    round_ = peel_round(x.date)
    if not round_:
        return ""
    want = fold(label)
    for entity_id, entity in x.gazetteer.entities.items():
        if entity.type == "AssessedArea" and entity_id.startswith(f"area/peel-{round_}-"):
            names = {re.sub(r"\s*\((?:PEEL|peel)[^)]*\)\s*$", "", n) for n in (entity.label, *entity.aliases)}
            if want in {fold(n) for n in names}:
                return entity_id
    return ""


def scale(x) -> str:
    year = re.match(r"\d{4}", x.date)
    if year and int(year.group()) >= 2021:
        return "five-point"
    return "five-point" if re.search(r"(?i)[‘'\"“]adequate[’'\"”]|\badequate\b\W*$", x.text) else "four-point"


def propose_judgements(x) -> None:
    seen = set()
    questions: list[tuple[str, str]] = []  # (area id, folded label)
    on_scale = scale(x)

    def add(area_id: str, grade: str, start: int, end: int) -> None:
        if not area_id or (area_id, grade) in seen or (area_id, "") in seen:
            return
        evidence = x.quote(start, end)
        if not evidence:
            return
        seen.add((area_id, grade))
        x.draft.judgements.append({
            "id": x.new_id("judgement/", f"{x.source}-{area_id.split('/', 1)[1]}"),
            "subject": x.subject, "inspection": x.inspection(), "area": area_id,
            "grade": f"{on_scale}/{P.GRADES[fold(' '.join(grade.split()))]}", **evidence})

    def add_labelled(label: str, grade: str, start: int, end: int, quoted: bool) -> None:
        key = fold(label)
        if (key, grade) in labelled:
            return
        labelled.add((key, grade))
        add(known_area(x, label) or area_entity(x, label, start, end), grade, start, end)

    labelled: set[tuple[str, str]] = set()
    for block in x.blocks:
        doc = block.doc
        if block.question:
            known = x.gazetteer.lookup(doc.text)
            area_id = known or area_entity(x, doc.text, block.start, block.end)
            if area_id and (not questions or questions[-1][0] != area_id):
                questions = [q for q in questions if q[0] != area_id] + [(area_id, fold(doc.text))]
            continue
        if block.grade_line:
            grades = list(P.GRADE_WORD.finditer(x.text, block.start, block.end))
            for match, (area_id, _) in zip(grades, questions[-len(grades):], strict=False):
                add(area_id, match.group(), match.start(), match.end())
            continue
        prose_grades(x, block, add_labelled)


# ---------------------------------------------------------------------------- grades in prose
# A grade word, maybe in quotation marks: "good", ‘Requires Improvement’, "requiring improvement".
_GRADE = re.compile(
    r"(?i)(?<![\w-])(?P<open>[‘'\"“])?(?P<grade>outstanding|good|adequate|inadequate"
    r"|requir(?:es|ed|e|ing)\s+improvement|improvement\s+was\s+needed|needs?\s+improvement)(?P<close>[’'\"”])?(?![\w-])")
# What comes right after a grade and introduces the areas it grades ("good at", "'Adequate' in the areas of").
_FORWARD = re.compile(
    r"(?i)^\s*(?:[–—:-]\s*)?(?:grades?\s+)?(?:in\s+the\s+areas?\s+of|in\s+relation\s+to|when\s+it\s+c(?:ame|omes)\s+to"
    r"|in\s+its\s+ability\s+to|in\s+(?:the\s+way|how)\s+(?:it|the\s+force|the\s+constabulary)|in\s+terms\s+of"
    r"|across\s+(?:the\s+)?(?:[\w-]+\s+){0,4}areas?\s+including|including|at|in|for)\s+")
# A dash or colon between an area and its grade on one line ("Crime Prevention – Good").
_DASH_BEFORE = re.compile(r"\s*[–—:-]\s*$")
# The verbs between the areas and the grade that follows them ("... have all been graded as").
_VERBS_BEFORE = re.compile(
    r"(?i)\s*(?:,\s*)?(?:which\s+)?(?:(?:has|have|had)\s+)?(?:all\s+|also\s+|now\s+|again\s+|once\s+again\s+)?"
    r"(?:been\s+|be\s+|being\s+)?(?:(?:was|were|is|are|as)\s+)?(?:all\s+|also\s+|now\s+|overall\s+)?"
    r"(?:(?:graded|rated|ranked|judged|deemed|assessed|found|noted|considered)\s+)?(?:as\s+|to\s+be\s+|to\s+)?$")
_GRADING_CONTEXT = re.compile(
    r"(?i)\b(?:graded|grading|grade|rated|rates|rating|ranked|judged|deemed|assessed|found|noted|awarded|received"
    r"|was|were|is|are|be|been|as|remains?|now|also|all)\s+(?:as\s+|to\s+be\s+|being\s+)?$")
# Words that start a clause, so that areas before a grade are looked for after them.
_CLAUSE = re.compile(r"(?i)(?:[.;?!]|,\s+(?:but|while|whilst|with|although|however)\s|\s(?:with|while|whilst|but"
                     r"|however|that|including|and\s+(?:that|the\s+(?:force|constabulary)))\s)")
# A pillar described in full: "the extent to which the force operates efficiently ...".
_PILLAR = re.compile(r"(?i)(?:the\s+)?(?:extent\s+to\s+which|\w+\s+with\s+which)\b")
_STOP = re.compile(r"(?i)[.;?!(]|\s(?:including|through|who|in\s+the\s+(?:community|county)|while|whilst"
                   r"|with\s+(?:‘|'|\"|“)|but|which|where|because|although|however"
                   r"|this\s+means|compared|than|since|after|before|so\s+that|as\s+well)\b|,\s*(?:and\s+)?(?:the|it|its|this"
                   r"|which|but|while|whilst|although|as|is|was|were|has|have)\b|,?\s+and\s+(?:is|was|it|the\s+force)\b")
_COUNT_OF_AREAS = re.compile(
    r"(?i)^(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+number\s+of|several|some|all|many|other|each)"
    r"\s+)+(?:of\s+the\s+)?(?:other\s+|critical\s+|key\s+)?(?:areas?|pillars?)(?:\s+of\s+policing)?\s*(?:[–—:-]\s*|including\s+)?")
_LEADING = re.compile(r"(?i)^(?:(?:and|or|with|while|whilst|the|its|their|our|his|her|a|an|how|that|which"
                      r"|(?:force|constabulary)[’']s|(?:the\s+)?(?:force|constabulary)\s+(?:was|is|were)"
                      r"|it|they|has|have|been|also|all|both|the\s+way\s+it|where|when)\s+)+")
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


def _stems(phrase: str) -> list[str]:
    words = re.findall(r"[a-z]+", fold(phrase).replace("-", ""))
    out = []
    for word in words:
        if word in _STOPWORDS:
            continue
        for suffix in ("iveness", "ness", "ively", "ive", "ations", "ation", "ions", "ion", "ing", "ers", "ed", "es",
                       "er", "s", "e", "ly", "cy"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


_AREAS = [(label, [set(_stems(a)) for a in (label, *aliases)]) for label, aliases in P.PEEL_AREAS.items()]


def canonical_area(phrase: str) -> str:
    return _canonical(phrase)[0]


def _canonical(phrase: str) -> tuple[str, int]:
    """The inspectorate's name of the area `phrase` describes, or ''.

    A pillar is named by its own word ("the extent to which the force operates efficiently ..."); an
    area when all the words of one of its names are in the phrase, with at most three more words, and the
    phrase starts as the name does ("the protection of vulnerable people", not "ability to investigate crime").
    """
    folded = fold(phrase)
    question = re.match(r"how (?:effective|efficient|legitimate) is the (?:force|constabulary) at (.*)", folded)
    if question:
        return _canonical(question.group(1))
    if re.search(r"extent to which|with which|overall|pillar", folded) or len(folded.split()) <= 2:
        for stem, pillar in (("legitima", "Legitimacy"), ("efficien", "Efficiency"), ("effective", "Effectiveness")):
            if stem in folded:
                return pillar, len(_stems(phrase))
    words = _stems(phrase)
    stems, first = set(words), (words[0] if words else "")
    best, best_size = "", 0
    for label, names in _AREAS:
        for name in names:
            if name and name <= stems and len(stems - name) <= 3 and len(name) > best_size and first in name:
                best, best_size = label, len(name)
    return best, best_size


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
    for sep in re.finditer(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+", span_text):
        parts.append((pos, sep.start()))
        pos = sep.end()
    parts.append((pos, len(span_text)))
    parts = [(a, b) for a, b in parts if span_text[a:b].strip()]
    out, i = [], 0
    while i < len(parts):
        for j in range(len(parts) - 1, i, -1):  # the longest run of parts that is one area
            whole = span_text[parts[i][0]:parts[j][1]]
            area, size = _canonical(whole)
            whole_size = len(set(_stems(whole)))
            if area and (size >= whole_size or size >= 4 and size >= whole_size - 1):
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


def prose_grades(x, block, add) -> None:
    """Grades written in sentences and lines: 'is good at A, B and C', 'A and B were deemed to require
    improvement', "graded as 'good'", 'Crime Prevention – Good', 'Good – in A and B'."""
    text = block.doc.text
    grades = [m for m in _GRADE.finditer(text) if _grading(text, m)]
    for n, match in enumerate(grades):
        after_end = grades[n + 1].start() if n + 1 < len(grades) else len(text)
        before_start = grades[n - 1].end() if n else 0
        areas: list[tuple[int, int, str, bool]] = []
        # Free wording of an area counts after a grade that is quoted or named as one ("graded as good"),
        # not after praise ("good at keeping people updated"): there only the inspectorate's areas count.
        strong = bool(match.group("open") and match.group("close")) or bool(re.search(
            r"(?i)\b(?:grad|rat|rank|judg|deem|assess|found)\w*\s+(?:as\s+|to\s+be\s+)?$", text[:match.start()]))
        rest = text[match.end():after_end]
        forward = _FORWARD.match(rest)
        the_area = re.match(r"(?i)\s*areas?\s+(?:was|were|included|includes|are|is)\s+", rest)
        cue = the_area if the_area and re.search(r"(?i)\bthe\s*$", text[:match.start()]) else forward
        if cue:
            begin = match.end() + cue.end()
            segment = text[begin:after_end]
            count = _COUNT_OF_AREAS.match(segment)
            if count:
                begin += count.end()
                segment = text[begin:after_end]
            stop = _STOP.search(segment)
            segment = segment[: stop.start()] if stop else segment
            areas = _areas_in(text, begin, segment, strong)
        if not areas:
            head = text[before_start:match.start()]
            verbs = _VERBS_BEFORE.search(head)
            dash = _DASH_BEFORE.search(head)
            stop_at = (dash.start() if dash else verbs.start()) if (dash or verbs) else len(head)
            leading = head[:stop_at]
            pillar = list(_PILLAR.finditer(leading))
            cut = pillar[-1].start() if pillar else max([m.end() for m in _CLAUSE.finditer(leading)] or [0])
            segment = leading[cut:]
            grading_words = dash or (verbs and verbs.group().strip()) or "extent to which" in fold(segment)
            if grading_words and (dash is None or len(leading.split()) <= 8):
                areas = _areas_in(text, before_start + cut, segment, strong)
        grade = _grade_word(match.group("grade"))
        for a, b, label, quoted in areas:
            start, end = block.span(min(a, match.start()), max(b, match.end()))
            add(label, grade, start, end, quoted)


def _grade_word(word: str) -> str:
    word = " ".join(fold(word).split())
    return "requires improvement" if "improvement" in word else word


def _grading(text: str, match) -> bool:
    """Whether a grade word is a grade ("was graded 'good'"), not an adjective ("good progress")."""
    quoted = bool(match.group("open") and match.group("close"))
    before = text[:match.start()]
    after = text[match.end():]
    word = match.group("grade").lower()
    if re.match(r"(?i)\s*(?:grades?|ratings?|judgements?|overall)\b", after) and not quoted:
        return False
    if quoted or "improv" in word:
        return True
    if re.match(r"(?i)\s*areas?\s+(?:was|were|included|includes)\b", after) and re.search(r"(?i)\bthe\s*$", before):
        return True
    if _FORWARD.match(after) and not re.match(r"(?i)\s*(?:at|in|for)\s+(?:a|an|the|this|that|its|our|all)\b", after):
        return bool(_GRADING_CONTEXT.search(before[-40:]) or re.search(r"(?i)(?:,|\band)\s*$", before))
    if re.match(r"\s*(?:[.;,]|$|\s[–—-]\s)", after):
        return bool(_GRADING_CONTEXT.search(before[-40:]) or _DASH_BEFORE.search(before))
    return False


def _areas_in(text: str, begin: int, segment: str, strong: bool) -> list[tuple[int, int, str, bool]]:
    if _PILLAR.match(segment.strip()) and canonical_area(segment) in ("Effectiveness", "Efficiency", "Legitimacy"):
        lead = len(segment) - len(segment.lstrip())
        return [(begin + lead, begin + len(segment.rstrip()), canonical_area(segment), False)]
    out = []
    for piece in _pieces(segment):
        a, b = piece[0], piece[1]
        raw = piece[2] if len(piece) > 2 else segment[a:b]
        quoted = bool(re.match(r"\s*[‘'\"“]", segment[a:b]))
        canonical = canonical_area(raw)
        label = canonical or _clean_area(raw)
        if label and (canonical or ((strong or quoted) and _acceptable(label, quoted))):
            out.append((begin + a, begin + b, label, quoted))
    return out
