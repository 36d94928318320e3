"""The HTTP endpoint: SPARQL protocol, entity IRIs with content negotiation, the query page."""
