"""The site's index pages: the index by class, a page per class, A–Z, and the search index.

Search runs in the browser over a prebuilt index loaded by `<script src>` (fetch fails on
file://).
"""

from __future__ import annotations

from collections import defaultdict

from graph.publish.network import local_name
from graph.publish.site.model import Link, SiteModel, _short
from graph.vocabulary import POL, SKOS


class IndexPages(SiteModel):
    """The pages that list entities."""


    def classes(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for iri in self.pages:
            members[self.cls(iri)].append(iri)
        order = sorted(members, key=lambda c: self.class_label(c).casefold())
        return {c: sorted(members[c], key=self.sort_key) for c in order}

    def sort_key(self, iri: str):
        return (" ".join(self.label(iri).split()).casefold(), iri)

    def index_page(self) -> bytes:
        page = "index.html"
        classes = [(Link(f"classes/{local_name(c)}.html", self.class_label(c)), len(m))
                   for c, m in self.classes().items()]
        groups = {"Sources": [], "Inspections": [], "Themes": []}
        for iri in sorted(self.pages, key=self.sort_key):
            types = self.vocabulary.types_of(self.cls(iri))
            if POL + "SourceDocument" in types:
                groups["Sources"].append(self.link(iri, page))
            elif POL + "Inspection" in types:
                groups["Inspections"].append(self.link(iri, page))
            elif POL + "Theme" in types:
                groups["Themes"].append(self.link(iri, page))
        return self.render("index.html", page, title="Policing knowledge graph", classes=classes, groups=groups,
                           pages=len(self.pages), triples=len(self.triples), quotes=len(self.annotations))

    def class_page(self, class_iri: str, members: list[str]) -> bytes:
        page = f"classes/{local_name(class_iri)}.html"
        rows = []
        for iri in members:
            aliases = sorted(self._all(self.out[iri], SKOS + "altLabel"))
            rows.append((self.link(iri, page), self.short_id(iri), _short(", ".join(aliases), 120)))
        ancestors = [self.class_label(c) for c in self.vocabulary.types_of(class_iri)[1:]]
        return self.render("class.html", page, title=self.class_label(class_iri), rows=rows, ancestors=ancestors,
                           iri=class_iri)

    def az_page(self) -> bytes:
        page = "a-z.html"
        letters: dict[str, list] = defaultdict(list)
        for iri in sorted(self.pages, key=self.sort_key):
            label = " ".join(self.label(iri).split())
            first = label[:1].upper()
            letter = first if "A" <= first <= "Z" else "#"
            letters[letter].append((self.link(iri, page, label), self.class_label(self.cls(iri))))
        ordered = sorted(letters.items(), key=lambda item: (item[0] == "#", item[0]))
        sections = [(letter, "other" if letter == "#" else letter, entries) for letter, entries in ordered]
        return self.render("az.html", page, title="A–Z", sections=sections)

    def search_index(self) -> dict:
        """Labels, aliases and quotes, with the path (from the site's root) of where each leads."""
        entries = []
        for iri in sorted(self.pages, key=self.sort_key):
            aliases = sorted(self._all(self.out[iri], SKOS + "altLabel"))
            entries.append([" ".join(self.label(iri).split()), " | ".join(aliases),
                            self.class_label(self.cls(iri)), self.pages[iri]])
        quotes = []
        for source_id in sorted(self.by_source):
            title = self.sources[source_id].title if source_id in self.sources else source_id
            for a in self.by_source[source_id]:
                supports = "; ".join(self.body_text(b) for b in a.bodies)
                quotes.append([" ".join(a.exact.split()), title, f"source/{source_id}.html#q-{a.key}",
                               _short(supports, 160)])
        return {"entities": entries, "quotes": quotes}
