"""The page of an entity: labels and aliases, class, every statement about it grouped by property
(outgoing and incoming, each with its evidence), its judgements (a force's as a timeline),
findings, recommendations, statistics and quotations in tables, every evidence quote with its
source, date and a link to the passage, and a small interactive ego view.
"""

from __future__ import annotations

from collections import defaultdict

from graph.publish.network import local_name
from graph.publish.site.model import _HIDDEN, EGO_LIMIT, Annotation, Link, _json_for_html, _short
from graph.publish.site.timeline_pages import TimelinePages
from graph.vocabulary import DCT, POL, PROV, SKOS


class EntityPages(TimelinePages):
    """The page of each entity and fact (a body's with its grades over time)."""

    def entity_page(self, iri: str) -> bytes:
        page = self.pages[iri]
        cls = self.cls(iri)
        refs = _EvidenceList()
        for a in self.evidence_of(iri):
            refs.add(a)
        for claim in sorted(self.claims_of.get(iri, ())):
            for a in self.evidence_of(claim):
                refs.add(a)
        for mention in sorted(self.mentions_of.get(iri, ())):
            for a in self.evidence_of(mention):
                refs.add(a)
        outgoing, incoming, related_facts, mentioned_in = self.statements(iri, page, refs)
        tables = self.fact_tables(iri, related_facts, page)
        evidence = []
        for number, a in refs.numbered():
            source = self.sources.get(a.source)
            bodies = [self.body_fragments(b, page) for b in a.bodies]
            evidence.append({"id": refs.anchor(a), "number": number, "quote": " ".join(a.exact.split()),
                             "source": self.link(self.base + f"source/{a.source}", page,
                                                 source.title if source else a.source),
                             "date": self.source_date(a.source) or "date unknown",
                             "curators": bool(source and source.is_curators_note),
                             "passage": self.passage(a, page, "show the passage"), "bodies": bodies})
        numbers = {f"#{refs.anchor(a)}": str(n) for n, a in refs.numbered()}

        def numbered(rows):
            return [(prop, [(value, [Link(r.href, numbers[r.href], r.title, r.cls) for r in links])
                            for value, links in values]) for prop, values in rows]

        outgoing, incoming = numbered(outgoing), numbered(incoming)
        context = {
            "title": " ".join(self.label(iri).split()),
            "iri": iri, "id": self.short_id(iri),
            "class_link": Link(self.rel(f"classes/{local_name(cls)}.html", page), self.class_label(cls)),
            "types": [self.class_label(c) for c in self.vocabulary.types_of(cls)[1:] if c.startswith(POL)],
            "aliases": sorted(self._all(self.out[iri], SKOS + "altLabel")),
            "description": self.value(iri, DCT + "description"),
            "outgoing": outgoing, "incoming": incoming, "tables": tables, "evidence": evidence,
            "mentioned_in": mentioned_in, "ego": self.ego(iri, page), "source": None,
            "view": self.network_view(iri, page), "timeline": self.timeline(iri, page),
        }
        if context["timeline"]:
            context["timeline"]["href"] = self.rel(self.timeline_path(iri), page)
        source_id = iri[len(self.base) + len("source/"):] if self.short_id(iri).startswith("source/") else None
        if source_id in self.sources:
            context["source"] = self.source_context(source_id, page)
        return self.render("entity.html", page, **context)

    def statements(self, iri: str, page: str, refs: _EvidenceList):
        """(outgoing, incoming, related facts, sources mentioning it): statements grouped by property."""
        own = self.evidence_of(iri)
        outgoing: dict[str, list] = defaultdict(list)
        for p, o in self.out[iri]:
            if p in _HIDDEN:
                continue
            evidence = []
            if type(o).__name__ == "NamedNode":
                for claim in self.claims_by_triple.get((iri, p, o.value), ()):
                    evidence += self.evidence_of(claim)
                if not evidence and p not in (PROV + "wasDerivedFrom",) and o.value not in self.claims:
                    evidence = own
            elif p not in (PROV + "wasDerivedFrom",):
                evidence = own
            outgoing[p].append((self.term(o, page), [refs.ref(a) for a in evidence]))
        incoming: dict[str, list] = defaultdict(list)
        related: dict[str, set[str]] = defaultdict(set)
        mentioned_in = []
        for s, p in self.inn.get(iri, ()):
            if p == POL + "mentions":
                mentioned_in.append(self.link(s, page))
                continue
            if p in _HIDDEN or s in self.claims or s in self.annotations or s.startswith(iri + "#"):
                continue
            if self.is_fact(s) and s not in (iri,):
                related[s].add(p)
                continue
            if s.startswith(self.base + "mention/"):
                continue
            evidence = []
            for claim in self.claims_by_triple.get((s, p, iri), ()):
                evidence += self.evidence_of(claim)
            if not evidence:
                evidence = self.evidence_of(s)
            incoming[p].append(([self.link(s, page)], [refs.ref(a) for a in evidence]))

        def grouped(groups):
            rows = []
            for p in sorted(groups, key=lambda p: (self.property_label(p).casefold(), p)):
                values = sorted(groups[p], key=lambda v: self._fragments_key(v[0]))
                rows.append((Link("", self.property_label(p), p), values))
            return rows

        mentioned_in.sort(key=lambda link: link.text.casefold())
        return grouped(outgoing), grouped(incoming), related, mentioned_in

    @staticmethod
    def _fragments_key(fragments) -> str:
        return "".join(x if isinstance(x, str) else x.text for x in fragments).casefold()

    def fact_tables(self, iri: str, related: dict[str, set[str]], page: str) -> list[dict]:
        """The facts linked to `iri`, a table per kind (judgements of a body as a timeline)."""
        by_class: dict[str, list[str]] = defaultdict(list)
        for fact in related:
            cls = local_name(self.cls(fact))
            if cls in ("AreaForImprovement", "CauseOfConcern"):
                cls = "Recommendation"
            by_class[cls].append(fact)
        tables = []
        judgements = by_class.pop("Judgement", [])
        timeline = [j for j in judgements if self.value(j, POL + "judgementOf") == iri]
        if timeline:
            tables.append(self._judgements(timeline, page, "Grades in detail", show_subject=False))
        rest = [j for j in judgements if j not in timeline]
        if rest:
            tables.append(self._judgements(rest, page, "Judgements", show_subject=True))
        builders = {"Finding": self._findings, "Recommendation": self._recommendations,
                    "Statistic": self._statistics, "Quotation": self._quotations}
        for name in ("Finding", "Recommendation", "Statistic", "Quotation"):
            if by_class.get(name):
                facts = sorted(by_class[name], key=lambda f: self._fact_order(f))
                table = builders[name](facts, page, iri)
                kinds = sorted({self.property_label(p) for f in facts for p in related[f]})
                if len(kinds) > 1:
                    table["head"].append("Linked by")
                    for row, fact in zip(table["rows"], facts, strict=True):
                        row.append([", ".join(sorted(self.property_label(p) for p in related[fact]))])
                tables.append(table)
        return tables

    def _fact_order(self, fact: str):
        evidence = self.evidence_of(fact)
        first = min(((self.source_order.get(a.source, 0), a.start) for a in evidence), default=(0, 0))
        return (*first, fact)

    def _evidence_cell(self, fact: str, page: str) -> list:
        cell = []
        for a in self.evidence_of(fact):
            source = self.sources.get(a.source)
            if cell:
                cell.append("; ")
            curators = "curators' assertion: " if source and source.is_curators_note else ""
            cell += [self.passage(a, page), f" ({curators}{source.title if source else a.source}"
                     + (f", {self.source_date(a.source)})" if self.source_date(a.source) else ")")]
        return cell

    def _links(self, fact: str, predicate: str, page: str) -> list:
        cell = []
        for value in sorted(self._all(self.out[fact], predicate), key=self.sort_key):
            if cell:
                cell.append(", ")
            cell.append(self.link(value, page))
        return cell

    def _judgements(self, facts, page, title, show_subject):
        rows = []
        for j in facts:
            inspection = self.value(j, POL + "inspection")
            grade = self.value(j, POL + "grade")
            scheme = self.value(grade, SKOS + "inScheme")
            date = self.date_text(inspection) or self._source_date_of(j)
            row = [self._links(j, POL + "inspection", page), [date], self._links(j, POL + "assessedArea", page),
                   [self.link(j, page, self.value(grade, SKOS + "prefLabel") or self.label(grade))],
                   [self.value(scheme, SKOS + "prefLabel") or local_name(scheme)]]
            if show_subject:
                row.insert(0, self._links(j, POL + "judgementOf", page))
            row.append(self._evidence_cell(j, page))
            rows.append(((date, self._fragments_key(row[1 if show_subject else 0])), row))
        rows.sort(key=lambda item: item[0])
        head = ["Inspection", "Date", "Area", "Grade", "Scale", "Evidence"]
        if show_subject:
            head.insert(0, "Body")
        return {"title": title, "id": "grades" if not show_subject else "judgements", "head": head,
                "rows": [row for _, row in rows], "cls": "timeline" if not show_subject else ""}

    def _source_date_of(self, fact: str) -> str:
        evidence = self.evidence_of(fact)
        return self.source_date(evidence[0].source) if evidence else ""

    def _findings(self, facts, page, iri):
        rows = [[[self.label(self.value(f, POL + "polarity"))], [self.link(f, page)],
                 self._links(f, POL + "findingAbout", page), self._links(f, POL + "inspection", page),
                 self._links(f, POL + "assessedArea", page), self._evidence_cell(f, page)] for f in facts]
        return {"title": "Findings", "id": "findings", "cls": "",
                "head": ["Polarity", "Finding", "About", "Inspection", "Area", "Evidence"], "rows": rows}

    def _recommendations(self, facts, page, iri):
        rows = []
        for r in facts:
            kind = self.class_label(self.cls(r)) or "recommendation"  # recommendation, area for improvement, ...
            deadline = self.value(r, POL + "deadlineText")
            rows.append([[kind], [self.link(r, page)], self._links(r, POL + "addressee", page),
                         self._links(r, POL + "inspection", page), [deadline], self._evidence_cell(r, page)])
        return {"title": "Recommendations", "id": "recommendations", "cls": "",
                "head": ["Kind", "Recommendation", "Addressee", "Inspection", "Deadline", "Evidence"], "rows": rows}

    def _statistics(self, facts, page, iri):
        rows = []
        for s in facts:
            margin = self.value(s, POL + "marginOfError")
            rows.append([[self.link(s, page)], [self.value(s, POL + "value")],
                         [self.label(self.value(s, POL + "unit"))], [f"± {margin}" if margin else ""],
                         [self.value(s, POL + "periodLabel")], self._links(s, POL + "refArea", page),
                         self._links(s, POL + "comparator", page), self._evidence_cell(s, page)])
        return {"title": "Statistics", "id": "statistics", "cls": "",
                "head": ["Statistic", "Value", "Unit", "Margin", "Period", "Area", "Compared with", "Evidence"],
                "rows": rows}

    def _quotations(self, facts, page, iri):
        rows = [[[self.link(q, page, _short(self.value(q, "https://schema.org/text") or self.label(q), 160))],
                 self._links(q, PROV + "wasAttributedTo", page), self._links(q, POL + "speakerPost", page),
                 self._evidence_cell(q, page)] for q in facts]
        return {"title": "Quotations", "id": "quotations", "cls": "",
                "head": ["Quotation", "Speaker", "Post", "Evidence"], "rows": rows}

    # -- the ego view -----------------------------------------------------------------------

    def network_view(self, iri: str, page: str) -> dict | None:
        """The gallery's view that draws `iri` (its ego view, its owner's, its source's or theme's)."""
        from graph.publish.gallery import gallery_page

        found = gallery_page(self.folded, iri, self.vocabulary)
        if found is None:
            return None
        name, title = found
        return {"href": self.rel("views/" + name, page), "title": title}

    def ego(self, iri: str, page: str) -> dict | None:
        """The data of a small ego view: an actor and its most related neighbours (facts folded
        in), or a fact and the actors it is folded into; None when there is nothing around it."""
        from graph.publish.view_page import style
        from graph.publish.views import ranked_neighbours

        folded = self.folded
        if iri in folded.folded_into:
            shown = [iri, *folded.folded_into[iri][: EGO_LIMIT - 1]]
            total = len(folded.folded_into[iri]) + 1
            links = [(iri, owner, "") for owner in shown[1:]]
        elif iri in folded.facts_of:
            layers = ranked_neighbours(folded, iri, 1)
            ranked = [a for a, _ in layers[0]] if layers else []
            shown = [iri, *ranked[: EGO_LIMIT - 1]]
            total = len(ranked) + 1
            chosen = set(shown)
            links = [(r.source, r.target, ", ".join(dict.fromkeys(r.labels)) or "shares facts")
                     for r in folded.relations if r.source in chosen and r.target in chosen]
        else:
            return None
        if len(shown) < 2:
            return None
        index = {n: i for i, n in enumerate(shown)}
        nodes = []
        for n in shown:
            data = self.network.nodes[n]
            colour, shape = style(data.get("class", ""), self.vocabulary)
            label = " ".join(data.get("label", "").split())
            nodes.append({"id": index[n], "label": _short(label, 28), "full": label,
                          "cls": data.get("class_label", ""), "color": colour, "shape": shape,
                          "href": self.rel(self.pages[n], page) if n in self.pages else "", "centre": n == iri})
        edges = [{"from": index[u], "to": index[v], "label": label} for u, v, label in links]
        return {"json": _json_for_html({"nodes": nodes, "edges": edges}), "shown": len(shown), "total": total,
                "title": " ".join(self.label(iri).split())}


class _EvidenceList:
    """The evidence quoted on one page, numbered in source and position order."""

    def __init__(self):
        self.items: dict[str, Annotation] = {}

    def add(self, a: Annotation) -> None:
        self.items[a.iri] = a

    def ordered(self) -> list[Annotation]:
        return sorted(self.items.values(), key=lambda a: (a.source, a.start, a.end))

    def numbered(self):
        return list(enumerate(self.ordered(), 1))

    @staticmethod
    def anchor(a: Annotation) -> str:
        return f"ev-{a.source}-{a.key}"

    def ref(self, a: Annotation) -> Link:
        self.add(a)
        return Link(f"#{self.anchor(a)}", "", f"“{_short(a.exact, 200)}”", "ref")
