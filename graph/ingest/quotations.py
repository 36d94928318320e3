"""Quotations: words in quotation marks attributed to a named person by a speech verb.
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest import people
from graph.ingest.text import Block


def propose_quotations(x) -> None:
    speaker = ""
    previous_quoted = False
    for number, block in enumerate(x.blocks):
        text = x.text[block.start:block.end]
        spans = _quoted(text)
        if not spans:
            previous_quoted = False
            continue
        found = _speaker(x, block, text, spans[0])
        if found:
            speaker = found
        elif not (previous_quoted and text.lstrip()[:1] in P.OPEN_QUOTES):
            previous_quoted = False
            continue
        for a, b in spans:
            if speaker and len(text[a:b].split()) >= 4:
                start, end = _quote_extent(x, block.start + a, block.start + b)
                evidence = x.quote(start, end, kind="quotation")
                if evidence:
                    x.draft.quotations.append({
                        "id": x.new_id("quotation/", f"{x.source}-{speaker.split('/', 1)[1]}"),
                        "speaker": speaker, **evidence})
        previous_quoted = True
        del number


def _quote_extent(x, start: int, end: int) -> tuple[int, int]:
    """At most the first two sentences of a quoted passage."""
    body = x.text[start:end]
    stops = [m.end() for m in re.finditer(r"[.!?](?=\s+[A-Z“\"‘'])", body)]
    if len(stops) >= 2:
        end = start + stops[1]
    return start, start + len(body[:end - start].rstrip(" ,"))


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of the words inside quotation marks (an open quote may run to the paragraph's end)."""
    spans = []
    for m in re.finditer(r"(?:^|(?<=[\s(:]))[\"“](?P<body>[^\"“”]+)(?:[\"”]|$)", text):
        spans.append((m.start("body"), m.end("body")))
    return spans


def _speaker(x, block: Block, text: str, span: tuple[int, int]) -> str:
    """The person a quoted passage is attributed to, by a speech verb just before or after it."""
    before = text[:span[0] - 1]
    after = text[span[1] + 1:]
    candidates = []
    name = r"(?:[A-Z][\w’'.-]*|of|and|for|the)"
    m = re.search(r"(" + name + r"(?:\s+" + name + r")*)\s+(\w+)\s*[:,]?\s*$", before)
    if m and m.group(2).lower() in P.SPEECH_VERBS:
        candidates.append((block.start + m.start(1), block.start + m.end(1), m.group(1)))
    m2 = re.match(r"[,.]?\s*(?:(\w+)\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5})|"
                  r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5})\s+(\w+))", after)
    if m2 and (m2.group(1) or "").lower() in P.SPEECH_VERBS:
        at = block.start + span[1] + 1 + m2.start(2)
        candidates.append((at, at + len(m2.group(2)), m2.group(2)))
    elif m2 and (m2.group(4) or "").lower() in P.SPEECH_VERBS:
        at = block.start + span[1] + 1 + m2.start(3)
        candidates.append((at, at + len(m2.group(3)), m2.group(3)))
    for start, end, name in candidates:
        person = _person(x, start, end, name)
        if person:
            return person
    return ""


def _person(x, start: int, end: int, name: str) -> str:
    for hit in x.hits_in(start, end):
        if hit.end <= end and x.gazetteer.type_of(hit.entity) == "Person":
            return hit.entity
    words = [w for w in name.split() if w[:1].isupper()]
    if not words or words[0].lower() in {"he", "she", "they", "it", "we", "i"}:
        return getattr(x, "_last_person", "")
    person = people.person_named(x, name, start, end)  # a surname alone is the person named in full before
    if not person:
        return ""
    x._last_person = person
    return person
