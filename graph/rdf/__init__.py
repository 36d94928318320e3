"""The RDF layer: records as quads (dataset), JSON-LD, exports, SHACL, and the persistent query store."""
