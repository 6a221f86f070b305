"""Which widget changes a fragment's run leaves to a run of the whole page (ui/fragment_scope.py)."""

from __future__ import annotations

from ui.fragment_scope import outside

PARENTS = {"live": "run", "run": None, "inspect": "lab", "lab": None}  # Train's live chart inside its run part


def ancestors(fragment_id: str):
    parent = PARENTS.get(fragment_id)
    while parent is not None:
        yield parent
        parent = PARENTS.get(parent)


def test_a_change_in_a_fragment_nested_in_the_one_run_is_inside_it():
    """Pause (in the run part) and the live chart's ask for a frame (in the live part, nested in it) sent together,
    scoped to the run part: its run draws the live part again, so the page need not run (it did: a whole-page run
    answered 1 Pause in 6 in tests/e2e/test_train_browser.py)."""
    assert outside({"pause": "run", "ask": "live"}, {"run"}, ancestors) == []


def test_a_change_outside_the_fragments_run_or_above_them_is_outside():
    changed = {"setting": None, "pause": "run", "kernel": "lab", "click_y": "inspect"}
    assert outside(changed, {"live"}, ancestors) == ["setting", "pause", "kernel", "click_y"]  # a parent is outside
    assert outside(changed, {"lab"}, ancestors) == ["setting", "pause"]
    assert outside(changed, {"run", "lab"}, ancestors) == ["setting"]
