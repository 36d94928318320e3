"""Content negotiation: the result format to answer in, from a `format` parameter or an Accept header."""

from __future__ import annotations

from graph.problems import QueryError
from graph.sparql.results import GRAPH_FORMATS, MEDIA_TYPES, RESULT_FORMATS

_ACCEPT = {
    "application/sparql-results+json": ("results", "json"), "application/json": ("results", "json"),
    "application/sparql-results+xml": ("results", "xml"), "application/xml": ("results", "xml"),
    "text/xml": ("results", "xml"), "text/csv": ("results", "csv"), "text/tab-separated-values": ("results", "tsv"),
    "text/turtle": ("graph", "ttl"), "application/x-turtle": ("graph", "ttl"), "application/turtle": ("graph", "ttl"),
    "application/ld+json": ("graph", "jsonld"), "application/n-triples": ("graph", "nt"),
    "application/rdf+xml": ("graph", "xml"),
}
_FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "ttl": "ttl", "turtle": "ttl",
                 "jsonld": "jsonld", "json-ld": "jsonld", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
                 "rdfxml": "xml", "rdf+xml": "xml"}


def negotiate(kind: str, accept: str | None, requested: str | None = None) -> str:
    """The format to answer a `kind` ("results" or "graph") result in, from a `format` parameter or
    the Accept header. Raises QueryError("not-acceptable") when nothing offered is acceptable."""
    default = "json" if kind == "results" else "ttl"
    if requested:
        name = _FORMAT_NAMES.get(requested.lower())
        if name is None and requested.lower() in _ACCEPT:
            name = _ACCEPT[requested.lower()][1]
        offered = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
        if name in offered and name != "table":
            return name
        if name == "json" and kind == "graph":
            return "jsonld"
    if not accept:
        return default
    choices = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                # A malformed weight (q=abc, q=nan) is ignored, as if absent, rather than read as 0:
                # a lenient reading never turns an acceptable request into 406.
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 1.0
                if not 0.0 <= quality <= 1.0:
                    quality = 1.0
        choices.append((-quality, position, media.lower()))
    for negative_quality, _, media in sorted(choices):
        if negative_quality >= 0:
            break
        if media in ("*/*", "application/*", "text/*") and not (kind == "graph" and media == "application/*"):
            return default
        if _ACCEPT.get(media, ("", ""))[0] == kind:
            return _ACCEPT[media][1]
        if media == "text/plain" and kind == "graph":
            return "nt"
    raise QueryError("not-acceptable", "none of the accepted media types can express this result; offered: "
                     + ", ".join(m.split(";")[0] for (k, _), m in MEDIA_TYPES.items() if k == kind and _ != "table"))
