"""Shared fixtures: AppTest factories (any page, Explore, Train) and the repository root on the import path."""

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


@pytest.fixture
def app_page(app_test):
    """A page of the app in a language: app_page("views/train.py", "ko", steps="20")."""
    return lambda path, lang="en", **query: app_test(lang, page=path, **query)


@pytest.fixture
def train_page(app_test):
    """The Train page in a language, with the notebook's defaults (stripes, [1, -1], lr 3e-2, sum, plain)."""

    def open_page(lang: str = "en", steps: int = 60):
        at = app_test(lang, page="views/train.py")
        assert not at.exception, [e.value for e in at.exception]
        at.number_input(key="tr_steps").set_value(steps).run()
        return at

    return open_page
