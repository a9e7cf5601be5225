"""Shared test fixtures: where ../shared lives, and skipping cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_root() -> Path:
    return Path(os.environ.get("FICLENS_SHARED", REPO.parent / "shared"))


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        pytest.skip(f"{what} not found at {path} (set FICLENS_SHARED to ../shared)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(shared_root() / "seeds", "sample fan-fiction stories (../shared/seeds)")


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, Path]:
    """Seed stories by their three-digit number, e.g. ``seed_texts["003"]``."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("[0-9][0-9][0-9]_*.txt"))}


@pytest.fixture(scope="session")
def pdnc_dir() -> Path:
    return _need(shared_root() / "data" / "pdnc" / "data", "PDNC novels (../shared/data/pdnc)")


@pytest.fixture(scope="session")
def fanfic_dir() -> Path:
    return _need(shared_root() / "data" / "fanfic", "fan-fiction set (../shared/data/fanfic)")


@pytest.fixture(scope="session")
def litbank_dir() -> Path:
    return _need(shared_root() / "data" / "litbank", "LitBank (../shared/data/litbank)")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_path() -> str | None:
    import shutil

    for candidate in (os.environ.get("FICLENS_CHROMIUM"), "/usr/bin/chromium", "chromium",
                      "chromium-browser"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's headless Chromium driven by Playwright; skips only where either is missing."""
    playwright_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright for Python is not installed (pip install playwright)",
    )
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
