"""The curated data read and checked: sources, safe YAML with lines, records, dates, evidence, the corpus checks."""
