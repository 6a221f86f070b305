"""benchmarks/load/browsers.py: each timed edit happens in the tab in front, as a student's does."""

from __future__ import annotations

from benchmarks.load import browsers


class Page:
    """Records what the edit does to the page, in order."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def bring_to_front(self) -> None:
        self.calls.append("front")

    def evaluate(self, script: str):
        self.calls.append("evaluate")
        return [12.0, 80.0]

    def wait_for_function(self, script: str, timeout: float) -> None:
        self.calls.append("wait")


def typed_edit(page: Page, k: int):
    """bench_browser's typed_edit: readies the cell, returns the typing."""
    page.calls.append("ready")
    return lambda: page.calls.append("type")


def test_the_edited_page_is_brought_to_the_front_before_its_cell_is_typed(monkeypatch) -> None:
    page = Page()
    monkeypatch.setattr(browsers, "typed_edit", typed_edit)
    monkeypatch.setattr(browsers, "watch_frames", lambda p, seen: p.calls.append("watch"))
    assert browsers.timed_edit(page, 3) == (12.0, 80.0)
    assert page.calls[0] == "front" and page.calls.index("front") < page.calls.index("type")
