"""ui.components.data: component data that Streamlit passes on without checking it for dataframes, read back whole."""

from __future__ import annotations

from ui.components.data import OBJECTS, plain, unpacked


def test_lists_become_tuples_and_dicts_json_text_and_all_come_back() -> None:
    data = {"figure": "{}", "cells": [["1", "2"]], "config": {"displayModeBar": False}, "next": {"frame": 3},
            "height": 450, "bad": None}
    sent = plain(data)
    assert all(value is None or isinstance(value, (str, int, float, bool, tuple)) for value in sent.values())
    assert sent["cells"] == (["1", "2"],) and isinstance(sent[OBJECTS], str)
    back = unpacked(sent)
    assert {**back, "cells": list(back["cells"])} == data


def test_data_without_objects_has_no_objects_field() -> None:
    assert plain({"narrow": True, "below": 640}) == {"narrow": True, "below": 640}
    assert unpacked({"narrow": True}) == {"narrow": True}
