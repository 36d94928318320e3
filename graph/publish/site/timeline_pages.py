"""A body's grades over time as a picture: assessed areas × inspection rounds, coloured by grade.

Rows are the areas, by their label (the same question asked in several rounds is one row); columns
are the inspections, in date order; each cell is the grade given, coloured by its rank on its
scale (outstanding to inadequate) and linking to the quoted passage in its source that gives it.
The grid is on the body's entity page and, full size, as a page of the gallery
(`views/timeline-<id>.html`). It is an HTML table: it reads without a script and prints.
"""

from __future__ import annotations

from graph.publish.site.model import Link, SiteModel, _short
from graph.vocabulary import POL, SKOS

# grade (its skos:prefLabel) -> CSS class of its colour; the same word on both scales looks alike
GRADE_CLASSES = {"outstanding": "g1", "good": "g2", "adequate": "g3", "requires improvement": "g4",
                 "inadequate": "g5"}


class TimelinePages(SiteModel):
    """The grades-over-time grid of each body that has judgements."""

    def judged_bodies(self) -> list[str]:
        """Bodies that judgements grade, in label order."""
        bodies = {self.value(j, POL + "judgementOf") for j in self._judgements_all()}
        return sorted((b for b in bodies if b in self.pages), key=self.sort_key)

    def _judgements_all(self) -> list[str]:
        if getattr(self, "_all_judgements", None) is None:
            self._all_judgements = sorted(n for n, c in self.network.nodes(data="class") if c == POL + "Judgement")
        return self._all_judgements

    def timeline(self, iri: str, page: str) -> dict | None:
        """The grid of `iri`'s grades (rows, columns, cells with links), or None without judgements."""
        judgements = sorted(s for s, p in self.inn.get(iri, ()) if p == POL + "judgementOf")
        if not judgements:
            return None
        columns: dict[tuple[str, str], dict] = {}
        rows: dict[str, str] = {}
        cells: dict[tuple[str, tuple[str, str]], list[dict]] = {}
        for j in judgements:
            inspection = self.value(j, POL + "inspection")
            date = self.date_text(inspection) if inspection else ""
            date = date or self._date_of_judgement(j)
            column = (date or "date unknown", inspection)
            if column not in columns:
                columns[column] = {"date": date or "date unknown",
                                   "link": self.link(inspection, page, _short(self.label(inspection), 48))
                                   if inspection else Link("", "no inspection named")}
            area = self.value(j, POL + "assessedArea")
            row = " ".join(self.label(area).split()) if area else "(no area named)"
            rows.setdefault(row.casefold(), row)
            grade = self.value(j, POL + "grade")
            word = self.value(grade, SKOS + "prefLabel") or self.label(grade)
            evidence = self.evidence_of(j)
            target = (self.passage(evidence[0], page, word) if evidence else self.link(j, page, word))
            cells.setdefault((row.casefold(), column), []).append({
                "grade": word, "cls": GRADE_CLASSES.get(word.casefold(), "g0"), "link": target,
                "page": self.link(j, page, "judgement"),
                "title": f"{row} — {word} ({columns[column]['date']})"
                         + (f": “{_short(evidence[0].exact, 200)}”" if evidence else "")})
        ordered_columns = sorted(columns)
        ordered_rows = sorted(rows, key=lambda key: (self._first_round(key, ordered_columns, cells), key))
        grid = [{"area": rows[key], "cells": [cells.get((key, column), []) for column in ordered_columns]}
                for key in ordered_rows]
        return {"columns": [columns[c] for c in ordered_columns], "rows": grid, "count": len(judgements),
                "grades": [(word, cls) for word, cls in GRADE_CLASSES.items()]}

    @staticmethod
    def _first_round(row: str, columns: list, cells: dict) -> int:
        return next((i for i, column in enumerate(columns) if (row, column) in cells), len(columns))

    def _date_of_judgement(self, judgement: str) -> str:
        evidence = self.evidence_of(judgement)
        return self.source_date(evidence[0].source) if evidence else ""

    def timeline_page(self, iri: str) -> bytes:
        """The gallery page of `iri`'s grid (views/timeline-<id>.html)."""
        page = self.timeline_path(iri)
        title = " ".join(self.label(iri).split())
        return self.render("timeline.html", page, title=f"{title}: grades over time", body=self.link(iri, page),
                           timeline=self.timeline(iri, page), views=self.rel("views/index.html", page))

    @staticmethod
    def timeline_name(iri: str) -> str:
        import re

        short = "/".join(iri.rsplit("/", 2)[-2:])
        return "timeline-" + (re.sub(r"[^a-z0-9]+", "-", short.casefold()).strip("-") or "body")

    def timeline_path(self, iri: str) -> str:
        return f"views/{self.timeline_name(iri)}.html"

    def timeline_preview(self, iri: str) -> str:
        """A small SVG of the grid: one square per cell, coloured by grade (no text)."""
        grid = self.timeline(iri, "views/index.html")
        colours = {"g1": "#1a9850", "g2": "#91cf60", "g3": "#fee08b", "g4": "#fc8d59", "g5": "#d73027", "g0": "#bbbbbb"}
        rows, columns = len(grid["rows"]), len(grid["columns"])
        size = max(4, min(20, int(min(200 / max(columns, 1), 120 / max(rows, 1)))))
        width, height = 220, 140
        left, top = (width - size * columns) / 2, (height - size * rows) / 2
        squares = []
        for r, row in enumerate(grid["rows"]):
            for c, cell in enumerate(row["cells"]):
                if cell:
                    squares.append(f'<rect x="{left + c * size:.0f}" y="{top + r * size:.0f}" width="{size - 1}" '
                                   f'height="{size - 1}" fill="{colours[cell[0]["cls"]]}"/>')
        return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-hidden="true">'
                + "".join(squares) + "</svg>")
