"""The page of a source document: its text with every evidenced span highlighted (`#q-START-END`
anchors; overlapping spans split into segments that carry every span covering them) and a list of
the passages with the facts each supports (`#s-START-END`).
"""

from __future__ import annotations

import html
from collections import defaultdict

from graph.publish.site.model import Annotation, SiteModel
from graph.vocabulary import POL


class SourcePages(SiteModel):
    """What a source document's page shows."""


    def source_context(self, source_id: str, page: str) -> dict:
        source = self.sources[source_id]
        annotations = self.by_source.get(source_id, [])
        numbers = {a.key: n for n, a in enumerate(annotations, 1)}
        passages = []
        for a in annotations:
            passages.append({"key": a.key, "number": numbers[a.key], "quote": " ".join(a.exact.split()),
                             "bodies": [self.body_fragments(b, page) for b in a.bodies]})
        return {"text": highlight(source.text or "", annotations, numbers,
                                  {a.key: "; ".join(self.body_text(b) for b in a.bodies) for a in annotations}),
                "passages": passages, "file": source.file, "kind": self.class_label(POL + source.kind),
                "date": self.source_date(source_id) or "unknown", "basis": source.date_basis,
                "length": len(source.text or ""), "curators": source.is_curators_note}


def highlight(text: str, annotations: list[Annotation], numbers: dict[str, int], titles: dict[str, str]):
    """The text as HTML with each annotated span marked.

    The text is cut at every span boundary; each piece covered by spans is a <mark> naming them
    all (data-q) with its depth of overlap, so overlapping and nested spans all show. Each span
    starts with an empty anchor `q-START-END` and ends with a reference link to `#s-START-END`.
    """
    from markupsafe import Markup

    spans = sorted({(a.start, a.end) for a in annotations if 0 <= a.start < a.end <= len(text)})
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    ends: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s, e in spans:
        starts[s].append((s, e))
        ends[e].append((s, e))
    cuts = sorted({0, len(text), *starts, *ends})
    active: set[tuple[int, int]] = set()
    out: list[str] = []
    for i, position in enumerate(cuts):
        for s, e in sorted(ends.get(position, ()), key=lambda span: -span[0]):
            active.discard((s, e))
            key = f"{s}-{e}"
            out.append(f'<a class="ref" href="#s-{key}" title="{html.escape(titles.get(key, ""))}">'
                       f"{numbers.get(key, '')}</a>")
        for s, e in starts.get(position, ()):
            active.add((s, e))
            out.append(f'<span class="q" id="q-{s}-{e}"></span>')
        if i + 1 == len(cuts):
            break
        piece = html.escape(text[position:cuts[i + 1]], quote=False)
        if active:
            keys = " ".join(f"{s}-{e}" for s, e in sorted(active))
            out.append(f'<mark class="d{min(len(active), 3)}" data-q="{keys}">{piece}</mark>')
        else:
            out.append(piece)
    return Markup("".join(out))
