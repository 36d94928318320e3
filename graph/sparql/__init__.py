"""SPARQL over the graph: safety checks, the two engines, result formats, content negotiation, the catalogue."""
