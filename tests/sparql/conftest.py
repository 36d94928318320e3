"""Fixtures of the SPARQL tests."""

from __future__ import annotations

import pytest

from graph.sparql.engines import Engine


@pytest.fixture(scope="module")
def engine(kg):
    return Engine(kg)
