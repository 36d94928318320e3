"""Graded judgements: an inspection's grade for an assessed area, in every form the inspectorate and forces write them.
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.text import Block, flat, fold


def area_entity(x, label: str, start: int, end: int) -> str:
    label = flat(label).strip(" ,.;:")
    label = label[0].upper() + label[1:]
    return x.entity("AssessedArea", label, start, end)


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
        if not area_id or (area_id, grade) in seen:
            return
        evidence = x.quote(start, end)
        if not evidence:
            return
        seen.add((area_id, grade))
        x.draft.judgements.append({
            "id": x.new_id("judgement/", f"{x.source}-{area_id.split('/', 1)[1]}"),
            "subject": x.subject, "inspection": x.inspection(), "area": area_id,
            "grade": f"{on_scale}/{P.GRADES[fold(' '.join(grade.split()))]}", **evidence})

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
        for sentence in doc.sents:
            _sentence_grades(x, block, sentence, add)


def _sentence_grades(x, block: Block, sentence, add) -> None:
    words = list(sentence)
    for n, token in enumerate(words):
        grade = token.lower_
        last = n
        if grade == "requires" and n + 1 < len(words) and words[n + 1].lower_ == "improvement":
            grade, last = "requires improvement", n + 1
        if grade not in P.GRADES:
            continue
        before = words[n - 1] if n else None
        after = words[last + 1] if last + 1 < len(words) else None
        quoted = (before is not None and before.text in P.OPEN_QUOTES and before.whitespace_ == ""
                  and after is not None and after.text in P.CLOSE_QUOTES)
        verbs = {w.lower_ for w in words[max(0, n - 3):n]}
        graded = bool(verbs & {"graded", "ranked", "rated", "judged"})
        strong = grade != "good" and before is not None and before.lower_ in {"is", "was", "were", "be", "been"}
        if not (quoted or graded or strong):
            continue
        area = _area_after(words, last + (2 if quoted else 1)) or _area_before(words, n)
        if area is None:
            continue
        for a_first, a_last in area:
            start, end = block.token_span(a_first, a_last)
            g_start, g_end = block.token_span(words[n], words[last])
            area_id = x.gazetteer.lookup(flat(x.text[start:end])) or area_entity(x,
                x.text[start:end], start, end)
            add(area_id, grade, min(start, g_start), max(end, g_end))


def _area_after(words, k: int):
    text = " ".join(w.lower_ for w in words[k:k + 6]) + " "
    cue = next((c for c in P.AREA_CUES if text.startswith(c + " ")), None)
    if cue is None:
        return None
    k += len(cue.split())
    stops = {",", ".", ";", ":", "with", "because", "which", "but", "where", "while", "?", "!"}
    end = k
    while end < len(words) and words[end].lower_ not in stops and end - k < 10:
        end += 1
    if end == k:
        return None
    spans, first = [], k
    for j in range(k, end + 1):
        if j == end or (cue == "including" and words[j].lower_ == "and"):
            if j > first and words[first].lower_ not in {"several", "some", "many", "all", "a", "the"}:
                spans.append((words[first], words[j - 1]))
            first = j + 1
    return spans or None


def _area_before(words, n: int):
    verbs = [j for j in range(max(0, n - 3), n) if words[j].lower_ in {"graded", "ranked", "rated", "judged"}]
    if not verbs:
        return None
    j = verbs[0] - 1
    if j >= 0 and words[j].lower_ in {"was", "is", "were", "been", "be"}:
        j -= 1
    last, first = j, j
    while first > 0 and words[first - 1].text not in {",", ";", ":", "."} and words[first - 1].lower_ not in {
            "'s", "’s", "its", "their", "and", "the"}:
        first -= 1
    if last < first or last - first > 8 or words[last].is_stop or words[first].lower_ in {"or", "and", "but"}:
        return None
    return [(words[first], words[last])]
