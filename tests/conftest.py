"""Shared fixtures: the repository's data, the built graph, the CLI and a real browser."""

from __future__ import annotations

import os
import shutil
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
