"""Drafting records from a report's text (reviewed: false until a curator checks them)."""
