"""Fixtures of the endpoint's tests."""

from __future__ import annotations

import threading

import pytest

from graph.serve.endpoint import make_server


@pytest.fixture(scope="module")
def page_server(kg):
    """An endpoint on a free port of 127.0.0.1 with the limits a researcher's session has."""
    server = make_server(kg, port=0, timeout=10, max_rows=5000)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
