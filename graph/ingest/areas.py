"""Assessed areas and PEEL rounds: the inspectorate's name of the area a phrase describes, and the
graph's area of the report's round.

An area is named as the inspectorate names it (canonical_area, from extraction_patterns.PEEL_AREAS,
whose groups hold an area's names of several rounds; a phrase may name one by most of its name,
_shortened), compared by the stems of its words (_stems: "investigation", "investigative" and
"investigating" are one), and, where the graph has it, taken as the graph's area of the report's
round, never another round's (known_area). The round comes from the title or opening ("PEEL 2017"),
else from the round its own area names tell, else from the date (report_round). graph.ingest.grades
finds the grades and uses these to name what they grade.
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
# In a title, the year just before it names the report's round: "welcomes the 2016 PEEL Assessment of West Yorkshire
# Police (12 Apr 2017)" (westyorkshire-pcc-2017-peel-2016-response); in a text it may be an earlier inspection's
# ("In our 2022 PEEL inspection, we found ...", in a 2025 report).
_TITLE_ROUND = re.compile(r"(?i)\b(?P<year>20[12]\d)(?:\s*[/–-]\s*\d\d)?\s+PEEL\b")


def report_round(x) -> str:
    """The PEEL round of the report: the one its title or opening names, else the one whose own area names
    it grades (two of one round's, none of another's: extraction_patterns.ROUND_AREA_NAMES) when that is not
    before its date's, else the one of its date (a round's reports come out into the next year: PEEL 2017
    effectiveness in March 2018)."""
    if not hasattr(x, "_round"):
        stated = stated_round(x)
        dated = peel_round(x.date)
        if stated and (x._round_named or not dated or ROUNDS.index(stated) >= ROUNDS.index(dated)):
            x._round = stated
        else:
            x._round = dated
    return x._round


def stated_round(x) -> str:
    """The PEEL round the report's own words tell, its date aside: the one its title or opening names, else the
    one whose own area names it grades, or ''."""
    if not hasattr(x, "_stated_round"):
        found = _TITLE_ROUND.search(x.title) or _ROUND.search(x.title) or _ROUND.search(x.text[:3000])
        x._round_named = bool(found)
        x._stated_round = peel_round(found.group("year")) if found else _round_by_area_names(x.text)
    return x._stated_round


def title_round(x) -> str:
    """The PEEL round the report's title names ("PEEL: Police efficiency and effectiveness 2018 – ..."), or ''."""
    found = _TITLE_ROUND.search(x.title) or _ROUND.search(x.title)
    return peel_round(found.group("year")) if found else ""


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


def area_labels(x) -> set[str]:
    """The folded labels of the graph's areas, without their round ("recording data about crime")."""
    if not hasattr(x, "area_labels"):
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


# What the pillar questions ask about, whichever pillar: "keeping people safe and reducing crime" was asked
# of effectiveness and of legitimacy (2015), so the question's adjective names the pillar.
WHOLE_OF_POLICING = re.compile(
    r"(?i)(?:keep\w*\s+people\s+safe\s+and\s+reduc\w*\s+crime|reduc\w*\s+crime\s+and\s+keep\w*\s+people\s+safe"
    r"|treat\w*\s+the\s+public\s+and\s+its\s+workforce|operat\w*\s+(?:efficiently|sustainably)\b.*)\W*$")


PILLARS = {"effective": "Effectiveness", "efficient": "Efficiency", "legitimate": "Legitimacy"}


_STOPWORDS = {"the", "a", "an", "of", "and", "to", "its", "it", "how", "for", "in", "at", "with", "on", "by", "their",
              "our", "is", "are", "be", "way", "force", "constabulary", "s"}


BASE_VERBS = {"respond": "responding", "investigate": "investigating", "investigates": "investigating",
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


# Adverbs of manner before a verb in -ing say how, not what: "promptly and accurately recording crime" is recording
# crime (gwent-police-2025-peel-statement).
_MANNER = re.compile(r"\b[a-z]{3,}ly(?:\s*(?:,|and|or)\s*[a-z]{3,}ly)*\s+(?=[a-z]+ing\b)")


def _stems(phrase: str) -> list[str]:
    words = re.findall(r"[a-z]+", _MANNER.sub("", fold(phrase)).replace("-", ""))
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


def area_match(phrase: str) -> tuple[str, int, set[str]]:
    """The inspectorate's area a phrase names, with how many of the phrase's word stems its name covers and
    those stems (a phrase with stems beyond them says more than the area)."""
    return _canonical(phrase)


def area_stems(phrase: str) -> list[str]:
    """The stems of a phrase's words, as areas are compared ("investigation" and "investigating" are one)."""
    return _stems(phrase)


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
    whole = WHOLE_OF_POLICING.search(folded)
    # (not the last of a list: "preventing crime ..., protecting vulnerable people, and operating efficiently")
    if pillar_question and whole and "," not in folded[:whole.start()]:
        return PILLARS[pillar_question.group(1) or pillar_question.group(2)], len(_stems(phrase)), set(_stems(phrase))
    # a pillar by its own word, where the phrase is about the pillar ("the PEEL legitimacy report", "last year’s
    # Efficiency assessment") or is no more than it
    if re.search(r"extent to which|with which|overall|pillar|\b(?:report|inspection|assessment)\b", folded) or len(
            folded.split()) <= 2:
        # ("effectiv": misspelt "the Effectivness report", hampshire-opcc-2016-peel-effectiveness-response)
        named = [pillar for stem, pillar in (("legitima", "Legitimacy"), ("efficien", "Efficiency"),
                                             ("effectiv", "Effectiveness")) if stem in folded]
        # (two words naming two pillars are two areas: "effectiveness, efficiency and legitimacy")
        if named and (len(named) == 1 or len(folded.split()) > 2):
            return named[0], len(_stems(phrase)), set(_stems(phrase))
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


def listed_areas(span_text: str) -> list[tuple[int, int]]:
    """The areas of a list ("A, B and C"), as offsets in span_text; neighbours merged when together they
    are one area of the inspectorate ("reducing crime and preventing offending")."""
    parts, pos = [], 0
    # (a quotation mark opens after no letter: the apostrophe of "wasn’t" opens none)
    quoted = list(re.finditer(r"(?<!\w)[‘“'\"]([^’”'\"]+)[’”'\"](?!\w)", span_text))
    if quoted:  # 'A', 'B' and 'C': each quoted item is one area, whatever "and" it holds
        return [(m.start(), m.end()) for m in quoted]
    hard = set()  # parts that start a new area whatever their neighbours ("... and at tackling ...")
    # (a semicolon too: "protecting vulnerable people; developing a positive workplace", warwickshireworld-2022-...)
    # (and its preposition repeated before a doing: "at treating the public fairly and on behaving ethically")
    for sep in re.finditer(r",?\s+(?:and|but)\s+(?:at|in|(?:on|for)(?=\s+[a-z]+ing\s))\s+|[,;]\s*(?:and\s+)?|\s+and\s+"
                           r"|\s+&\s+", span_text):
        parts.append((pos, sep.start()))
        if re.search(r"\s(?:at|in|on|for)\s+$", sep.group()):
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
            verb = _lent_verb(span_text, out, a, b)
            out.append((a, b, f"{verb} {span_text[a:b]}") if verb else (a, b))
            i += 1
    return out


def _lent_verb(span_text: str, out: list, a: int, b: int) -> str:
    """The verb of the list's item before, when this one is its second object and names an area only with it:
    "treating both the public and its workforce fairly" (hmicfrs-peel-2018-19-hertfordshire-legitimacy): 'treating'
    for "its workforce fairly", when the item before is an area itself; '' otherwise."""
    piece = span_text[a:b]
    if not out or re.match(r"\s*(?:\w+ing|how|what|where|why|when|whether|that|which)\b", piece, re.I) or \
            canonical_area(piece):
        return ""  # (an object, not a clause of its own: "how well it uses its demand")
    before = out[-1]
    first = before[2] if len(before) > 2 else span_text[before[0]:before[1]]
    verb = re.match(r"\s*(\w+ing)\s", first)
    # (the item before an area itself: not "treating its employees and the public fairly", sussex-pcc-2020-...)
    return verb.group(1) if verb and canonical_area(first) and canonical_area(f"{verb.group(1)} {piece}") else ""
