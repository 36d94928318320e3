"""Content negotiation: which format to answer in, from an Accept header (or a `format` parameter).

    >>> preferred("text/csv;q=0.5, text/tab-separated-values", {"text/csv": "csv", ...}, "json")
    ['tsv', 'csv']
    >>> negotiate("results", "application/sparql-results+xml")           # a SPARQL answer
    'xml'

One reading of the Accept header for everything the project serves: SPARQL answers (here) and the
entity pages (graph.publish.site.serving, which offers HTML, Turtle, JSON-LD and N-Triples). Media
ranges are taken most preferred first (by weight, then the more specific, then as written); `q=0`
excludes one; a
malformed weight (`q=abc`, `q=nan`, `q=2`) is ignored as if absent rather than read as 0, so a
lenient reading never turns an acceptable request into 406. `*/*` stands for the default format,
`type/*` for the offered formats of that type, in the order offered.
"""

from __future__ import annotations

from graph.problems import QueryError
from graph.sparql.results import GRAPH_FORMATS, MEDIA_TYPES, RESULT_FORMATS

_ACCEPT = {
    "application/sparql-results+json": ("results", "json"), "application/json": ("results", "json"),
    "application/sparql-results+xml": ("results", "xml"), "application/xml": ("results", "xml"),
    "text/xml": ("results", "xml"), "text/csv": ("results", "csv"), "text/tab-separated-values": ("results", "tsv"),
    "text/turtle": ("graph", "ttl"), "application/x-turtle": ("graph", "ttl"), "application/turtle": ("graph", "ttl"),
    "application/ld+json": ("graph", "jsonld"), "application/n-triples": ("graph", "nt"),
    "application/rdf+xml": ("graph", "xml"), "text/plain": ("graph", "nt"),
}
# kind -> {media type: format}, in the order offered (the default's media type first)
_OFFERED = {kind: {media: fmt for media, (k, fmt) in _ACCEPT.items() if k == kind} for kind in ("results", "graph")}
_DEFAULT = {"results": "json", "graph": "ttl"}
_FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "ttl": "ttl", "turtle": "ttl",
                 "jsonld": "jsonld", "json-ld": "jsonld", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
                 "rdfxml": "xml", "rdf+xml": "xml"}


def media_ranges(accept: str | None) -> list[str]:
    """The media ranges of an Accept header, lower case, most preferred first (by weight, then a
    media type before a `type/*` before `*/*`, then as written); q=0 ones left out."""
    ranked = []
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 1.0
                if not 0.0 <= quality <= 1.0:  # nan and out of range: ignored too
                    quality = 1.0
        if quality > 0:
            media = media.lower()
            specificity = 2 if media == "*/*" else 1 if media.endswith("/*") else 0
            ranked.append((-quality, specificity, position, media))
    return [media for *_, media in sorted(ranked)]


def preferred(accept: str | None, offered: dict[str, str], default: str) -> list[str]:
    """The formats of `offered` (media type -> format) that `accept` takes, best first, each once;
    [default] when there is no Accept header."""
    if not accept or not accept.strip():
        return [default]
    found = []
    for media in media_ranges(accept):
        if media == "*/*":
            found.append(default)
        elif media.endswith("/*"):
            found += [fmt for name, fmt in offered.items() if name.startswith(media[:-1])]
        elif media in offered:
            found.append(offered[media])
    return list(dict.fromkeys(found))


def negotiate(kind: str, accept: str | None, requested: str | None = None) -> str:
    """The format to answer a `kind` ("results" or "graph") result in, from a `format` parameter or
    the Accept header. Raises QueryError("not-acceptable") when nothing offered is acceptable."""
    if requested:
        name = _FORMAT_NAMES.get(requested.lower())
        if name is None and requested.lower() in _ACCEPT:
            name = _ACCEPT[requested.lower()][1]
        offered = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
        if name in offered and name != "table":
            return name
        if name == "json" and kind == "graph":
            return "jsonld"
    found = preferred(accept, _OFFERED[kind], _DEFAULT[kind])
    if found:
        return found[0]
    raise QueryError("not-acceptable", "none of the accepted media types can express this result; offered: "
                     + ", ".join(m.split(";")[0] for (k, _), m in MEDIA_TYPES.items() if k == kind and _ != "table"))
