"""Shared fixtures: the repository's data, the built graph, the CLI and a real browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from graph.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return REPO / "data"


@pytest.fixture(scope="session")
def kg(data_dir):
    """The knowledge graph of the repository's data, built once per test session."""
    return graph.load(data_dir)


@pytest.fixture
def data_copy(tmp_path, data_dir) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    return target


@pytest.fixture
def cli():
    """Run `policing-kg ARGS...` in-process; returns the click Result (stdout and stderr apart)."""

    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    return _free_port()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server (`oxigraph serve`, PyPI's `oxigraph`, in the test extra) on
    127.0.0.1 and an ephemeral port, empty at first; yields its query URL (`.../query`)."""
    installed = Path(sys.executable).parent / "oxigraph"
    binary = str(installed) if installed.exists() else shutil.which("oxigraph")
    if not binary:
        pytest.skip("the oxigraph server (PyPI package `oxigraph`, in the test extra) is not installed")
    port = _free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph did not start: {process.stderr.read().decode(errors='replace')}")
            time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def pushed_endpoint(oxigraph_server, data_dir) -> str:
    """The Oxigraph server filled by `push` with the repository's data, and the union of the
    named graphs, each triple once, put as its default graph (as the local store has it;
    `--union-default-graph` would count a triple once per graph that holds it); its query URL."""
    from graph.scale.push import graph_store_url, push, request

    kg = graph.load(data_dir, shapes=False)
    push(kg, oxigraph_server)
    request("PUT", graph_store_url(oxigraph_server) + "?default", kg.dataset.ntriples,
            {"Content-Type": "application/n-triples"})
    return oxigraph_server


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's chromium. Under CI the browser tests must run, never skip."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run must install it (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    return path


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium for the whole session, driven by Playwright (never its own download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
