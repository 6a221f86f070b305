"""A phone says its screen is narrow (ui/components/screen.py): the combined charts stack, nothing else changes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.helpers.apptest import EXPLORE, TRAIN, figure, panel
from tests.helpers.figures import plotly_array
from ui.components.screen import COMPONENT_NAME, KEY


def report_narrow(at, narrow: bool = True) -> None:
    """Rerun with what static/screen.js sends on a phone."""
    element = next(el for el in at.get("bidi_component") if el.proto.component_name == COMPONENT_NAME)
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = element.proto.id
    state.json_value = json.dumps({"narrow": narrow})
    at._run(states)


def test_a_phone_gets_explores_window_kernel_and_products_one_under_another(app_test) -> None:
    at = app_test("en", page=EXPLORE)
    wide = [panel(at, n) for n in range(3)]
    report_narrow(at)
    assert not at.exception and at.session_state[KEY]["narrow"] is True
    with pytest.raises(Exception):
        figure(at, "ex_panels")  # no longer one chart of three side by side
    stacked = [plotly_array(figure(at, f"ex_panels_{n}")["data"][0]["z"]) for n in range(3)]
    assert all(np.array_equal(a, b) for a, b in zip(stacked, wide))  # the same numbers
    report_narrow(at, False)  # the phone turned to landscape, wider than a phone
    assert np.array_equal(panel(at, 2), wide[2])


def test_a_phone_gets_trains_charts_in_rows(app_test) -> None:
    at = app_test("en", page=TRAIN)
    report_narrow(at)
    assert not at.exception
    layout = figure(at, "tr_charts")["layout"]
    loss, weights = layout["yaxis"]["domain"], layout["yaxis2"]["domain"]
    assert weights[1] < loss[0] and layout["xaxis"]["domain"] == [0.0, 1.0]


def page_order(at) -> list:
    """The page's elements in the order a phone stacks them (depth first)."""
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    return list(walk(at.main))


def test_a_phone_gets_the_challenge_s_y_right_under_the_kernel(app_test) -> None:
    """One column: the student types a kernel and sees their Y at once, before the score and the hints."""
    at = app_test("en", page="views/challenge.py")
    report_narrow(at)
    assert not at.exception
    order = page_order(at)
    guess = next(i for i, el in enumerate(order) if getattr(el, "type", "") == "bidi_component"
                 and "-ch_guess" in el.proto.id)
    score = next(i for i, el in enumerate(order) if getattr(el, "type", "") == "metric")
    grid = next(i for i, el in enumerate(order) if getattr(el, "type", "") == "bidi_component"
                and el.proto.id.endswith("chk_grid"))
    hint = next(i for i, el in enumerate(order) if getattr(el, "type", "") == "button" and el.key == "ch_hint")
    assert grid < guess < score < hint
