"""The static site, by page kind (see graph.publish.site.build)."""
