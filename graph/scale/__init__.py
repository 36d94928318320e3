"""Scale: synthetic national corpora, and pushing the graph to a SPARQL server."""
