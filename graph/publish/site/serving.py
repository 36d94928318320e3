"""Serving the site and the entity IRIs with content negotiation.

    >>> status, media_type, body = respond(site, "/id/force/kent", "text/turtle")

HTML for browsers; Turtle, JSON-LD or N-Triples of `describe(site, iri)` for RDF clients. The Accept
header is read as for SPARQL answers (graph.sparql.negotiation.preferred).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from graph.publish.site.model import ANSWER, EVIDENCE, MEDIA, STATIC_TYPES, SUFFIXES, Link
from graph.sparql.negotiation import preferred
from graph.vocabulary import DCT

if TYPE_CHECKING:
    from graph.publish.site.build import Site


def describe(site: Site, iri: str) -> list:
    """The description of `iri` as pyoxigraph triples, sorted: its triples (as subject and object),
    those of its #-fragments, of the claims it is part of and of the mentions of it, and every
    evidence annotation of these (annotation, #target, #quote and #position)."""
    wanted = {t for t in site.triples if t.subject.value == iri or t.subject.value.startswith(iri + "#")
              or (type(t.object).__name__ == "NamedNode" and t.object.value == iri)}
    attached = [iri, *site.claims_of.get(iri, ()), *site.mentions_of.get(iri, ())]
    annotations = set()
    for node in attached:
        annotations.update(site._all(site.out.get(node, ()), EVIDENCE))
    subjects = set(attached[1:])
    for a in annotations:
        subjects.update((a, a + "#target", a + "#quote", a + "#position"))
    wanted.update(t for t in site.triples if t.subject.value in subjects)
    from graph.rdf.dataset import triple_key

    return sorted(wanted, key=triple_key)


def serialise_description(site: Site, triples: list, fmt: str) -> bytes:
    import pyoxigraph as ox

    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=site.vocabulary.prefixes_for(site.base))
    if fmt == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        from graph.rdf.exports import project_context
        from graph.rdf.jsonld import compact_jsonld

        return compact_jsonld(triples, project_context(site.base))
    raise ValueError(f"unknown format {fmt!r}")


def _site_path(site: Site, path: str) -> str:
    """The path within the site of a request path or IRI."""
    if path.startswith(site.base):
        return path[len(site.base):]
    path = unquote(urlsplit(path).path)
    base_path = urlsplit(site.base).path
    for prefix in (base_path, "/id/"):
        if prefix and path.startswith(prefix):
            return path[len(prefix):]
    return path.lstrip("/")


def respond(site: Site, path: str, accept_header: str | None) -> tuple[int, str, bytes]:
    """Answer a GET for `path` with content negotiation: (status, content type, body).

    `path` is the request path (or the IRI itself); the base IRI's path (`/policing-kg/id/`) or
    `/id/` in front of it is dropped, so `/id/force/kent` is the entity https://w3id.org/policing-kg/id/force/kent.
    An IRI with a page answers its HTML page, or its description in Turtle, JSON-LD or N-Triples,
    as the Accept header prefers (a .html, .ttl, .jsonld or .nt suffix decides instead). A claim,
    an evidence annotation or a mention answers RDF, or a small page linking to what it is about.
    Other paths serve the site's files (index.html, assets/...). 404 for nothing, 406 for an
    Accept that none of HTML, Turtle, JSON-LD or N-Triples satisfies.
    """
    local = _site_path(site, path)
    stem, suffix = posixpath.splitext(local)
    fmt_from_suffix = SUFFIXES.get(suffix)
    key = stem if fmt_from_suffix else local
    iri = site.base + key
    described = iri in site.pages or (iri in site.out and not key.startswith("graph/"))
    if described and "/" in key:
        formats = [fmt_from_suffix] if fmt_from_suffix else preferred(accept_header, MEDIA, "html")
        if not formats:
            return 406, "text/plain; charset=utf-8", (
                "Not acceptable: this resource is available as " + ", ".join(sorted(MEDIA)) + "\n").encode()
        fmt = formats[0]
        if fmt == "html":
            page = site.file(key + ".html") if iri in site.pages else _pointer_page(site, iri, key)
            return 200, ANSWER["html"], page
        return 200, ANSWER[fmt], serialise_description(site, describe(site, iri), fmt)
    served = "index.html" if local in ("", "/") else local
    data = site.file(served)
    if data is None:
        return 404, "text/plain; charset=utf-8", f"Not found: {path}\n".encode()
    # The type of the file served (/id/ serves index.html), not of the path asked for.
    return 200, STATIC_TYPES.get(posixpath.splitext(served)[1], "application/octet-stream"), data


def _pointer_page(site: Site, iri: str, key: str) -> bytes:
    """A small HTML page for a resource without a page of its own: it links to where it is shown."""
    page = key + ".html"
    links = []
    owner = iri.split("#", 1)[0]
    annotation = site.annotations.get(owner)
    if annotation:
        links.append(site.passage(annotation, page, "the quoted passage in its source"))
        links += [x for b in annotation.bodies for x in site.body_fragments(b, page) if isinstance(x, Link)]
    elif owner in site.claims:
        links += [x for x in site.claim_fragments(owner, page) if isinstance(x, Link)]
    else:
        subject = site.value(owner, DCT + "subject")
        if subject:
            links.append(site.link(subject, page))
    return site.render("pointer.html", page, title=site.label(owner), iri=iri, links=links)
