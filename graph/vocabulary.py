"""The project's vocabulary: prefixes, record types, relation keys, grades and units.

All of it is declared once, in ontology/: the prefixes in context.jsonld, everything else as
annotations in policing.ttl. The curated records, the RDF builder, the exports and the
query command all read it from here.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

ONTOLOGY_NS = "https://w3id.org/policing-kg/ontology#"
# The namespaces the code mints or reads IRIs in (the same as context.jsonld's prefixes).
POL = ONTOLOGY_NS
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
OA = "http://www.w3.org/ns/oa#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
SH = "http://www.w3.org/ns/shacl#"
DEFAULT_BASE = "https://w3id.org/policing-kg/id/"
# Kinds of id minted for facts and bookkeeping rather than for an entity record type.
EXTRA_ID_KINDS = (
    "judgement/",
    "finding/",
    "recommendation/",
    "statistic/",
    "quotation/",
    "theme/",
    "source/",
    "graph/",
    "evidence/",
    "claim/",
    "mention/",
)
# The prefix name of a kind of id whose own name a vocabulary has taken: `org:` is W3C ORG, so
# the organisations' ids (`org/probation-service`) are `organisation:probation-service` rather
# than `id:org\/probation-service`, which needs an escape to paste into a query.
ID_PREFIX_NAMES = {"org/": "organisation"}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_NOTATION = "http://www.w3.org/2004/02/skos/core#notation"
SKOS_IN_SCHEME = "http://www.w3.org/2004/02/skos/core#inScheme"


def ontology_dir() -> Path:
    """Where the ontology files are: shipped in the package, or beside it in a checkout."""
    packaged = Path(__file__).parent / "_ontology"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class RecordType:
    name: str
    iri: str
    id_prefix: str
    ancestors: tuple[str, ...]  # every superclass IRI, nearest first, for rdf:type closure


@dataclass
class Vocabulary:
    prefixes: dict[str, str]
    record_types: dict[str, RecordType]
    relations: dict[str, str]  # relation key -> property IRI
    grades: dict[str, str]  # "four-point/good" -> concept IRI
    units: dict[str, str]  # "percent" -> concept IRI
    class_ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # ontology term IRI -> label

    def iri(self, name: str) -> str:
        """Expand a CURIE such as "pol:Finding" with the project's prefixes."""
        prefix, _, local = name.partition(":")
        return self.prefixes[prefix] + local

    def types_of(self, class_iri: str) -> tuple[str, ...]:
        """The class and all its superclasses."""
        return (class_iri, *self.class_ancestors.get(class_iri, ()))

    def prefixes_for(self, base: str) -> dict[str, str]:
        """The project's prefixes with `id:` bound to `base`, plus one per kind of id
        (`force:`, `unit:`, `judgement:`, `source:`, `organisation:` (see ID_PREFIX_NAMES), ...)
        where that name is not taken already."""
        prefixes = {**self.prefixes, "id": base}
        kinds = {t.id_prefix for t in self.record_types.values() if t.id_prefix} | set(EXTRA_ID_KINDS)
        for kind in sorted(kinds):
            name = ID_PREFIX_NAMES.get(kind, kind.rstrip("/"))
            if name not in prefixes:
                prefixes[name] = base + kind
        return prefixes

    def sparql_prologue(self, base: str = DEFAULT_BASE) -> str:
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes_for(base).items()))


def _prefixes(context_path: Path) -> dict[str, str]:
    context = json.loads(context_path.read_text(encoding="utf-8"))["@context"]
    return {
        key: value
        for key, value in context.items()
        if isinstance(value, str) and value.endswith(("/", "#")) and not key.startswith("@")
    }


@functools.lru_cache(maxsize=4)
def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    import pyoxigraph as ox

    directory = directory or ontology_dir()
    prefixes = _prefixes(directory / "context.jsonld")
    triples = [q.triple for q in ox.parse(path=str(directory / "policing.ttl"), format=ox.RdfFormat.TURTLE)]
    by_predicate: dict[str, list[tuple[str, object]]] = {}
    for t in triples:
        by_predicate.setdefault(t.predicate.value, []).append((t.subject.value, t.object))

    def annotated(local: str) -> dict[str, str]:
        return {s: o.value for s, o in by_predicate.get(ONTOLOGY_NS + local, [])}

    parents: dict[str, list[str]] = {}
    for s, o in by_predicate.get(RDFS_SUBCLASS, []):
        parents.setdefault(s, []).append(o.value)

    def ancestors(iri: str) -> tuple[str, ...]:
        found: list[str] = []
        queue = list(parents.get(iri, []))
        while queue:
            parent = queue.pop(0)
            if parent not in found:
                found.append(parent)
                queue.extend(parents.get(parent, []))
        return tuple(found)

    class_ancestors = {iri: ancestors(iri) for iri in parents}
    id_prefixes = annotated("idPrefix")
    record_types = {
        name: RecordType(name, iri, id_prefixes.get(iri, ""), class_ancestors.get(iri, ()))
        for iri, name in annotated("recordType").items()
    }
    schemes = {s: o.value for s, o in by_predicate.get(SKOS_IN_SCHEME, [])}
    notations = annotated_by(by_predicate, SKOS_NOTATION)
    grades = {n: iri for iri, n in notations.items() if schemes.get(iri, "").endswith("PointScale")}
    units = {n: iri for iri, n in notations.items() if schemes.get(iri) == ONTOLOGY_NS + "Units"}
    return Vocabulary(
        prefixes=prefixes,
        record_types=record_types,
        relations={key: iri for iri, key in annotated("relationKey").items()},
        grades=grades,
        units=units,
        class_ancestors=class_ancestors,
        labels=annotated_by(by_predicate, RDFS_LABEL),
    )


def annotated_by(by_predicate: dict, predicate: str) -> dict[str, str]:
    return {s: o.value for s, o in by_predicate.get(predicate, [])}
