"""convcore.plots.partial_imports: plotly takes a module another thread is still importing as absent."""

from __future__ import annotations

import importlib.machinery
import sys
import types

import numpy as np
import plotly.io
import pytest

from convcore.plots import figures
from convcore.plots.partial_imports import whole_module


def half_imported(name: str) -> types.ModuleType:
    """A module as sys.modules holds it while another thread runs its code."""
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    module.__spec__._initializing = True
    return module


def test_a_module_being_imported_is_absent_a_whole_one_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    assert whole_module("numpy", should_load=False) is np
    monkeypatch.setitem(sys.modules, "pandas", half_imported("pandas"))
    assert whole_module("pandas", should_load=False) is None


def test_a_figure_is_built_and_sent_while_pandas_is_half_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", half_imported("pandas"))
    fig = figures.array_figure(np.arange(12.0).reshape(3, 4), "Y")
    assert '"z"' in plotly.io.to_json(fig)
