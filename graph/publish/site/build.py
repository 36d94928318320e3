"""The whole static website: a page per entity, fact, source document, inspection and theme.

    >>> site = Site(graph.load("data"))
    >>> write_site(site, "exports/site")          # or write_site(kg, ...)

The site opens from disk (file://) or any static host with no network access: CSS and JS are
local files (vis-network is copied from pyvis), links are relative, and search runs over a
prebuilt index. Pages live at the id of what they describe (`force/kent.html`,
`source/<id>.html`), next to `index.html` (by class), `a-z.html`, `search.html` and
`classes/<Class>.html`.

Output is deterministic (sorted, no timestamps) and written to a temporary folder that then
replaces the target folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph.publish.network import local_name
from graph.publish.site.entity_pages import EntityPages
from graph.publish.site.index_pages import IndexPages
from graph.publish.site.model import MARKER, TEMPLATES, VIS_VERSION, _json_for_html
from graph.publish.site.source_pages import SourcePages

PARALLEL_FROM = 500  # entity pages from which two processes render them


class Site(EntityPages, SourcePages, IndexPages):
    """The whole site: every page kind over one model (graph.publish.site.model), and its files."""

    def files(self) -> dict[str, bytes]:
        """Every file of the site: path -> bytes, in path order (rendered once, then kept)."""
        if self._files is None:
            self._files = self._render_files()
        return self._files

    def _render_files(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {MARKER: b"policing-kg static site; `policing-kg site` replaces this folder.\n"}
        files.update(self.assets())
        files["index.html"] = self.index_page()
        files["a-z.html"] = self.az_page()
        files["search.html"] = self.render("search.html", "search.html", title="Search")
        for class_iri, members in self.classes().items():
            files[f"classes/{local_name(class_iri)}.html"] = self.class_page(class_iri, members)
        files.update(self._entity_pages())
        files.update({f"views/{name}": data for name, data in self.gallery().items()})
        return dict(sorted(files.items()))

    def _entity_pages(self) -> dict[str, bytes]:
        """Every entity page, by path. With more than PARALLEL_FROM pages and os.fork, a child
        process renders every other page while this one renders the rest: the pages are most of
        the pages build's time (about half its CPU time at 118k triples), and machines have two
        cores or more.
        The child sends its pages back pickled through a pipe; if it fails, they are rendered
        here, so the result is the same either way."""
        import pickle

        items = list(self.pages.items())
        if len(items) < PARALLEL_FROM or not hasattr(os, "fork"):
            return {path: self.entity_page(iri) for iri, path in items}
        theirs, mine = items[1::2], items[0::2]
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the child: render, send, leave without running any cleanup of the parent's
            status = 1
            try:
                os.close(read)
                data = pickle.dumps({path: self.entity_page(iri) for iri, path in theirs})
                with os.fdopen(write, "wb") as stream:
                    stream.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        pages = {path: self.entity_page(iri) for iri, path in mine}
        with os.fdopen(read, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(child, 0)
        if status == 0 and data:
            pages.update(pickle.loads(data))
        else:
            pages.update({path: self.entity_page(iri) for iri, path in theirs})
        return pages

    def gallery(self) -> dict[str, bytes]:
        """The views gallery (graph.publish.views) with the grades-over-time pages, by path inside
        views/; its pages use the site's assets (one copy of vis-network) and link to its pages."""
        if self._gallery is None:
            from graph.publish.gallery import Card, gallery_files

            cards, pages = [], {}
            for body in self.judged_bodies():
                name = self.timeline_name(body)
                pages[f"{name}.html"] = self.timeline_page(body)
                grid = self.timeline(body, "views/index.html")
                cards.append(Card(f"{name}.html", " ".join(self.label(body).split()),
                                  f"{grid['count']} grades, {len(grid['rows'])} areas × {len(grid['columns'])} "
                                  "inspections", self.timeline_preview(body), "Grades over time"))
            files = gallery_files(self.kg, folded=self.folded, extra_cards=cards)
            files.update(pages)
            self._gallery = dict(sorted(files.items()))
        return self._gallery

    def file(self, path: str) -> bytes | None:
        """One file of the site, rendered on demand (for a server); None if there is none."""
        if path in ("", "index.html"):
            return self.index_page()
        if path == "a-z.html":
            return self.az_page()
        if path == "search.html":
            return self.render("search.html", "search.html", title="Search")
        if path.startswith("assets/"):
            return self.assets().get(path)
        if path.startswith("views/"):
            return self.gallery().get(path[len("views/"):] or "index.html")
        if path.startswith("classes/") and path.endswith(".html"):
            wanted = path[len("classes/"):-len(".html")]
            for class_iri, members in self.classes().items():
                if local_name(class_iri) == wanted:
                    return self.class_page(class_iri, members)
            return None
        iri = self.base + path.removesuffix(".html")
        return self.entity_page(iri) if path.endswith(".html") and iri in self.pages else None

    def assets(self) -> dict[str, bytes]:
        import pyvis

        vis = Path(pyvis.__file__).parent / "templates" / "lib" / VIS_VERSION / "vis-network.min.js"
        script = re.sub(rb"\n//# sourceMappingURL=\S*\s*$", b"\n", vis.read_bytes())
        files = {"assets/vis-network.min.js": script,
                 "assets/search-index.js": ("window.KG_SEARCH = " + _json_for_html(self.search_index())
                                            + ";\n").encode("utf-8")}
        for name in ("site.css", "site.js", "search.js", "ego.js"):
            files[f"assets/{name}"] = (TEMPLATES / name).read_bytes()
        from graph.publish.view_page import view_assets

        files.update({f"assets/{name}": data for name, data in view_assets().items() if name != "vis-network.min.js"})
        return files


@dataclass
class SiteReport:
    path: Path
    pages: int
    files: int
    bytes: int
    seconds: float


def write_site(kg_or_site, out_dir: str | Path) -> Path:
    """Generate the site and put it at `out_dir`, replacing a previous site there atomically.

    Refuses to replace a folder that is neither empty nor a site written here before.
    """
    return write_site_report(kg_or_site, out_dir).path


def write_site_report(kg_or_site, out_dir: str | Path) -> SiteReport:
    started = time.perf_counter()
    site = kg_or_site if isinstance(kg_or_site, Site) else Site(kg_or_site)
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise FileExistsError(f"{out} exists and is not a site written by policing-kg: choose another folder")
    files = site.files()
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        os.chmod(temporary, 0o755)
        for name, data in files.items():
            target = temporary / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / "site")
            os.replace(temporary, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return SiteReport(out, sum(1 for name in files if name.endswith(".html")), len(files),
                      sum(len(data) for data in files.values()), time.perf_counter() - started)
