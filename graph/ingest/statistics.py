"""Statistics: figures with their unit, margin, period, area and the figure they are compared with.

Margins in symbols or words ("(± 1.2 percent)", "(with a confidence interval of +/- 1.67
percent)"), rates per 1,000, counts of things and of grades ("four ‘Adequate’", "eight were graded
“Requires Improvement”", "‘good’ in one area", "‘adequate’ in three"), ranks among a stated set
("sixth out of twenty six forces", "the second lowest cost force"; unit `rank`) and sums of money
("£44.8 million"; `pounds`, `million-pounds`); not the size of a set something is one of ("one of
three major inspections"), years, dates ("12th December", "Nov 17"), telephone numbers ("07836 217
729", "101 and 999 calls"), labels of a document's parts ("Appendix 1", "Schedule 5"), file sizes
("PDF 53 KB"), a footnote's number, a word run into a number ("9fed Medi", "SW1P 4DF"), a fraction's
numerator ("3 quarters"), a street number, or a figure of a paragraph the page prints again. In "ten of
sixteen recommendations" the figure is ten, sixteen its base; in "almost 1 in 5 crimes" the figure is 1.

Also not figures (tests/ingest/test_statistics_forms.py): the end of a span of years ("PEEL 2023–25"), a
time of day ("00:05"), a date whose month is abbreviated or cut short ("By 30 Septe"), a group's number
("group 1"), a set counted before ("these two recommendations") and the parts of a scheme counted to
describe its shape ("PEEL’s three pillars", "all three strands", "five tiers", "three broad themes";
GUIDE.md, round 3), unless what they count was graded ("inadequate in each of the three pillars"). And
figures: a percentage in brackets ("the highest percentage (19.5 percent)"), "out of the 20 cases ..."
with no figure before it, "a further two", "graded eight". Round 7: not figures, the first day of a span of days
("between 20 and 31 May 2019"), a scheme's stages and ways ("consists of three stages", "in three ways"), a web
page's counter ("Views: 0").
"""

from __future__ import annotations

import calendar
import re

from graph.ingest import extraction_patterns as P
from graph.ingest.text import Block, flat, fold, slug


def propose_statistics(x) -> None:
    table_lines = _tables(x)
    period = None
    national = None
    said = set()  # (offset in its sentence, sentence): a page printing a paragraph twice states its figures once
    for block in x.blocks:
        if block.question:
            period = None
        if any(block.start <= s < block.end for s in table_lines):
            continue
        for sentence in block.doc.sents:
            s_start, s_end = block.span(sentence.start_char, sentence.end_char)
            sentence_text = x.text[s_start:s_end]
            found = _numbers(x, block, sentence, s_start, sentence_text, period)
            periods = list(P.PERIOD.finditer(sentence_text))
            if periods:
                period = _period(x, periods[-1])
            for i, stat in enumerate(found):
                if stat.pop("_national"):
                    national = national or _national(x, s_start, s_end)
                    stat["area"] = national or x.subject
                if i + 1 < len(found):
                    gap = fold(x.text[stat["_end"]:found[i + 1]["_start"]])
                    if any(c in gap for c in P.COMPARISON_CUES) and found[i + 1]["unit"] == stat["unit"]:
                        stat["comparator"] = found[i + 1]["id"]
            for stat in found:
                where = (stat.pop("_start") - s_start, flat(sentence_text))
                stat.pop("_end")
                if where not in said:
                    said.add(where)
                    _add_stat(x, stat)


def _add_stat(x, stat: dict) -> None:
    ordered = {k: stat[k] for k in ("id", "label", "value", "unit", "margin", "area", "period", "comparator")
               if k in stat}
    ordered.update({k: stat[k] for k in ("quote", "offsets", "reviewed")})
    x.draft.statistics.append(ordered)


def _national(x, start: int, end: int) -> str:
    known = x.gazetteer.lookup("England and Wales")
    if known:
        return known
    match = re.search(r"(?i)england and wales", x.text)
    return x.entity("Place", "England and Wales", match.start(), match.end()) if match else ""


def _period(x, match) -> dict:
    label = flat(match.group("label"))
    label = re.sub(r"(?i)^the\s+", "", label)
    period = {"label": label}
    if match.group("n"):
        qty = match.group("n").lower()
        months = int(qty) if qty.isdigit() else P.NUMBER_WORDS[qty]
        year, month = int(match.group("year")), P.MONTHS[match.group("month").lower()]
        first = year * 12 + month - months  # months since year 0 of the first month
        start_year, start_month = divmod(first, 12)
        period["start"] = f"{start_year}-{start_month + 1:02d}-01"
        period["end"] = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    else:
        month_word = match.group("amonth") or match.group("ymonth")
        year = match.group("ayear") or match.group("yyear")
        period["start"] = period["end"] = f"{year}-{P.MONTHS[month_word.lower()]:02d}"
    return period


def _numbers(x, block: Block, sentence, s_start: int, text: str, period) -> list[dict]:
    periods = list(P.PERIOD.finditer(text))
    skip = [m.span() for m in periods] + [m.span() for m in P.DEADLINE.finditer(text)]
    per_1000 = P.PER_1000.search(text)
    found = []
    candidates = [(m.start("num"), m.end("num"), m.group("num"), float(m.group("num").replace(",", "")))
                  for m in P.NUMBER.finditer(text)]
    tokens = list(sentence)
    compound_units = set()
    for k, token in enumerate(tokens):
        if token.lower_ in P.NUMBER_WORDS and token.i not in compound_units:
            t0, t1 = block.span(token.idx, token.idx + len(token.text))
            value = P.NUMBER_WORDS[token.lower_]
            units = [t for t in tokens[k + 1:k + 3] if t.text != "-"][:1]
            if token.lower_ in P.TENS_WORDS and units and P.NUMBER_WORDS.get(units[0].lower_, 10) < 10:
                value += P.NUMBER_WORDS[units[0].lower_]  # "twenty six", "twenty-six"
                t1 = block.span(units[0].idx, units[0].idx + len(units[0].text))[1]
                compound_units.add(units[0].i)
            candidates.append((t0 - s_start, t1 - s_start, token.lower_, value))
    # Ranks among a stated set ("sixth out of twenty six forces", "the second lowest cost force") and
    # sums of money ("£44.8 million"): figures of their own units, found by their own forms.
    for m in P.RANK.finditer(text):
        candidates.append((m.start("ordinal"), m.end(), "#rank", float(P.ORDINALS[fold(m.group("ordinal"))])))
    for m in P.MONEY.finditer(text):
        value = float(m.group("num").replace(",", "")) * (1000 if (m.group("scale") or "").lower() in ("billion", "bn")
                                                           else 1)
        candidates.append((m.start(), m.end(), "#million-pounds" if m.group("scale") else "#pounds", value))
    for start, end, raw, value in sorted(candidates):
        if any(a <= start < b for a, b in skip):
            continue
        margin = None
        if raw.startswith("#"):
            unit = raw[1:]
        else:
            plain = _plain(text, start, end, raw, value, per_1000, sentence.start == 0)
            if plain is None:
                continue
            unit, value, end, margin = plain
        word = raw.isalpha()
        q_from = _clause_start(text, start)
        evidence = x.quote(s_start + q_from, s_start + end, kind="statistic")
        if not evidence:
            continue
        label = flat(text[q_from:start]).strip(" ,(") or flat(text[end:end + 60])
        label = re.sub(r"\s+(?:of|was|were|is|by|at|to|had|has|with)$", "", label)
        number = int(value) if float(value).is_integer() and not (not word and "." in raw) else value
        stat = {"id": x.new_id("statistic/", f"{x.source}-{slug(label, 5)}"),
                "label": (label[:1].upper() + label[1:]) or "Figure", "value": number, "unit": unit}
        if margin:
            stat["margin"] = float(margin)
        stat["area"] = _area_for(x, s_start, s_start + start)
        here = [m for m in periods if m.end() <= start] or periods
        if here:
            stat["period"] = _period(x, here[-1])
        elif period:
            stat["period"] = dict(period)
        # A national figure is named in its own clause, before it ("the rate in England and Wales
        # of 85.0 percent") or after it up to the next figure or comparison ("... 16 percent
        # across England and Wales").
        after = re.split(r"\d|compared|than|,|;|\bwhile\b|\bwhereas\b", fold(flat(text[end:])), maxsplit=1)[0]
        clause = fold(flat(text[q_from:start])) + " " + after
        stat["_national"] = any(p in clause for p in P.NATIONAL_PHRASES)
        stat["_start"], stat["_end"] = s_start + start, s_start + end
        stat.update(evidence)
        found.append(stat)
    return found


# The first day of a span of days: "between 20 and 31 May 2019", "from 3 to 7 June".
_DAY_RANGE_AFTER = re.compile(r"\s*(?:and|to|-|–)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:"
                              + "|".join(calendar.month_name[1:]) + r")\b")
# A web page's counters: "Views: 0", "Comments: 2".
_COUNTER_BEFORE = re.compile(r"(?i)\b(?:views|comments|likes|shares)\s*:\s*$")


def _plain(text: str, start: int, end: int, raw: str, value: float, per_1000, first_sentence: bool):
    """(unit, value, end, margin) of the number text[start:end] written in digits or words, or None
    when it is not a figure (a date, a telephone number, a label, the base of another figure)."""
    rest, before = text[end:], text[:start]
    word = raw.isalpha()
    if P.OUT_OF_BASE.search(before) or P.SET_OF.search(before) or P.ONE_OF.search(before) or (
            P.PROPORTION_BEFORE.search(before)):
        return None  # "nine out of ten", "11 of these 12", "ten of sixteen", "one of three", "1 in 5": a figure's base
    if P.YEAR_SPAN_BEFORE.search(before) or P.CLOCK_BEFORE.search(before) or P.CLOCK_AFTER.match(rest):
        return None  # "PEEL 2023–25", "2018/19": a span of years; "00:05": a time of day
    if P.COUNTED_BEFORE.search(before) or P.STRUCTURE_COUNT.match(rest) and not P.GRADE_BEFORE_IN.search(
            before) and not re.search(r"(?i)\beach\s+of\s+(?:the\s+)?$", before):
        return None  # "these two recommendations": a set counted before; "PEEL’s three pillars", "all three strands",
        # "five tiers": a scheme's shape (but "inadequate in each of the three pillars" counts what was graded)
    if P.NOT_AFTER_NUMBER.match(rest) and not P.ORDINAL_SUFFIX.match(rest):
        return None  # "9fed Medi", "SW1P 4DF", "3 quarters of crimes", "2 Marsham Street"
    if P.MONTH_BEFORE.search(before) or _DAY_RANGE_AFTER.match(rest):
        return None  # "Nov 17", "July 11, 2023", "between 20 and 31 May 2019": a date
    if _COUNTER_BEFORE.search(before):
        return None  # "Views: 0": a web page's counter
    grade_count = P.GRADE_COUNT.match(rest)
    graded_in = P.GRADE_BEFORE_IN.search(before)  # "‘adequate’ in three", "‘inadequate’ in one"
    if raw == "one" and not (grade_count or graded_in or P.ONE_COUNTS.match(rest)):
        return None  # "one of", "no one": a figure only when it counts something graded ("in one area")
    if P.ORDINAL_SUFFIX.match(rest) or raw.isdigit() and (P.PHONE_GROUP.match(rest) or re.search(
            r"(?<![\d,.])\d{3,5} $", before)):
        return None  # "12th December"; "07836 217 729" (not "in 2023 11,053 reports")
    if raw in P.PHONE_LINES and P.PHONE_NOUN.match(rest):
        return None  # "101 and 999 calls": the police's telephone lines
    if P.REFERENCE_BEFORE.search(before) or P.FILE_SIZE.match(rest):
        return None  # "Appendix 1", "Schedule 5", "PDF 53 KB": a label or a file's size
    if before.endswith((")", "/", "-", "£", "$")) or re.search(r"(?i)(?:per|±|\+/-)\s*$", before):
        return None
    if before.endswith("(") and not P.PERCENT.match(rest):
        return None  # "(8770)": an entry's number ("the highest percentage (19.5 percent)" is a figure)
    if not before.strip() and first_sentence and re.match(r"\s+[A-Z]", rest):
        return None  # a footnote's number
    margin = None
    unit = ""
    if P.PERCENTAGE_POINTS.match(rest):
        unit = "percentage-points"
    elif P.PERCENT.match(rest):
        unit = "percent"
        m = P.MARGIN.match(rest)
        if m:
            margin = m.group("margin")
            end += m.end()
        else:
            end += P.PERCENT.match(rest).end()
        # A change: a direction word just around the figure, or "by (over) N%" after one in its clause
        # ("driven down call waiting times by over 70%").
        by = re.search(r"(?i)\bby\s+(?:over|around|about|almost|nearly|more\s+than|some)?\s*$", before)
        near = set(re.findall(r"[a-z]+", fold(before[-80 if by else -40:]))[-(9 if by else 4):]) | set(
            re.findall(r"[a-z]+", fold(text[end:end + 25]))[:2])
        if near & (P.INCREASE_WORDS | P.DECREASE_WORDS):
            unit = "percent-change"
            if near & P.DECREASE_WORDS:
                value = -value
    elif grade_count:
        unit = "count"  # "four ‘Adequate’", "eight were graded “Requires Improvement”"
        end += grade_count.end()
    elif graded_in and not re.match(r"\s*(?!(?:and|or)\b)[A-Za-z]", rest):
        unit = "count"  # the areas left unsaid: "‘requiring improvement’ in three and ‘inadequate’ in one"
    elif re.match(r"(?i)\s+out\s+of\s", rest) and not (1900 <= value <= 2100):
        unit = "count"  # "two out of three gradings": the figure, with its base
    elif (P.FURTHER_BEFORE.search(before) or P.GRADED_BEFORE.search(before)) and not re.match(
            r"\s*(?:[A-Za-z]+\s+)?(?:" + "|".join(P.TIME_NOUNS) + r")\b", rest, re.I) and not (1900 <= value <= 2100):
        unit = "count"  # "progress made on a further two", "nine areas ... and graded eight": the noun unsaid
    elif P.SOME_OF.match(rest) and raw != "one" and not (1900 <= value <= 2100) and not re.search(
            r"(?i)\b(?:all|both)\s+$", before):  # ("all three of these perspectives": the whole set again)
        unit = "count"  # "ten of sixteen recommendations", "five of the seven areas"
    else:
        next_word = re.match(r"\s*([A-Za-z][\w-]*)", rest)
        if not next_word or next_word.group(1).lower() in P.TIME_NOUNS or P.DATE_WORDS.match(rest):
            return None
        if not word and ("." in raw or (1900 <= value <= 2100 and "," not in raw)):
            return None
        if word and (next_word.group(1).lower() in P.FUNCTION_WORDS or not raw == raw.lower()):
            return None
        unit = "count"
        if per_1000 and not word and "." in raw:
            unit = f"per-1000-{'households' if 'house' in per_1000.group('base') or 'home' in per_1000.group('base') else 'population'}"  # noqa: E501
    return unit, value, end, margin


def _clause_start(text: str, at: int) -> int:
    before = text[:at]
    words = list(re.finditer(r"\S+", before))
    start = words[-10].start() if len(words) >= 10 else (words[0].start() if words else at)
    for match in re.finditer(r"[,;:]\s+|\b(?:compared with|than)\s+", before):
        if match.end() > start and at - match.end() > 8:
            start = match.end()
    return start


def _area_for(x, sentence_start: int, offset: int) -> str:
    """The force or place named last before a figure in its sentence (default: the subject)."""
    area = x.subject
    for hit in x.hits_in(sentence_start, offset + 1):
        if x.gazetteer.type_of(hit.entity) in ("PoliceForce", "Place"):
            area = hit.entity
    return area


def _tables(x) -> set[int]:
    """Rows of figures ('Victim-based crime 58.5 53.9') under a header: two columns compared."""
    row = re.compile(r"^(?P<label>[^\d\n]*[A-Za-z][^\d\n]*?)\s+(?P<a>\d+(?:\.\d+)?)\s+(?P<b>\d+(?:\.\d+)?)\s*$")
    rows = set()
    lines, pos = [], 0
    for line in x.text.splitlines(keepends=True):
        lines.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    for n, (s, line) in enumerate(lines):
        m = row.match(line)
        if not m or "." not in m.group("a") + m.group("b"):
            continue
        rows.add(s)
        header = "\n".join(text for _, text in lines[max(0, n - 25):n])
        label = m.group("label").strip()
        clean = label.rstrip("*").strip()
        note = ""
        for k in range(n + 1, min(n + 16, len(lines))):
            if lines[k][1].lstrip().startswith("*"):
                para = []
                for _, text in lines[k:]:
                    if not text.strip():
                        break
                    para.append(text)
                clauses = re.split(r";|\band\b(?= the)|,\s", flat("\n".join(para)))
                note = next((c for c in clauses if fold(clean) in fold(c)), "")
                break
        base = P.PER_1000.search(note) or P.PER_1000.search(header)
        unit = "count"
        if base:
            unit = "per-1000-households" if re.search(r"house|home", base.group("base")) else "per-1000-population"
        periods = list(P.PERIOD.finditer(note)) or list(P.PERIOD.finditer(header))
        period = _period(x, periods[-1 if note else 0]) if periods else None
        national = "england and wales" in fold(header)
        stats = []
        for column in ("a", "b"):
            evidence = x.quote(s + m.start("label"), s + m.end("b"))
            if not evidence:
                continue
            value = float(m.group(column))
            stat = {"id": x.new_id("statistic/", f"{x.source}-{slug(clean, 5)}"),
                    "label": clean + (" rate" if unit != "count" else ""),
                    "value": int(value) if value.is_integer() and "." not in m.group(column) else value,
                    "unit": unit,
                    "area": (_national(x, s, s) or x.subject) if column == "b" and national else x.subject}
            if period:
                stat["period"] = period
            stat.update(evidence)
            stats.append(stat)
        if len(stats) == 2:
            stats[0]["comparator"] = stats[1]["id"]
        for stat in stats:
            _add_stat(x, stat)
    return rows
