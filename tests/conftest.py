"""Shared fixtures: AppTest factory and the repository root."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def app_test():
    """An AppTest of app.py in a language: app_test('en') runs it once and returns it."""
    from streamlit.testing.v1 import AppTest

    def make(lang: str = "ko", page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.query_params["lang"] = lang
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return make


@pytest.fixture
def explore(app_test):
    """The Explore page in a language (the book's stripes and the [1, -1] kernel by default)."""
    return lambda lang="en": app_test(lang, page="views/explore.py")
