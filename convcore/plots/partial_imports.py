"""Plotly never sees a module another thread is still importing (installed when convcore.plots is imported).

Plotly checks whether pandas is there by looking in sys.modules without importing it
(`_plotly_utils.optional_imports.get_module(name, should_load=False)`) and then uses `pandas.Series`. Python puts a
module in sys.modules as soon as its import starts, so while one thread imports pandas (a server's other session: the
Lesson's table), a figure built in another thread found it half made and failed ("partially initialized module
'pandas' has no attribute 'Series'": 47 tracebacks in one `make load` run). A module still being imported is, for
that figure, not imported yet: none of its objects can be in the figure. (Before this, every page run imported pandas
first, which cost a fresh server's first page ~0.5 s.)
"""

from __future__ import annotations

import sys
from types import ModuleType

import _plotly_utils.optional_imports as optional_imports

plotly_get_module = optional_imports.get_module


def being_imported(module: ModuleType | None) -> bool:
    """Whether `module` is still being imported (importlib marks its spec until the module's code has run)."""
    return bool(getattr(getattr(module, "__spec__", None), "_initializing", False))


def whole_module(name: str, should_load: bool = True) -> ModuleType | None:
    """Plotly's get_module, except that a module still being imported by another thread counts as absent."""
    module = plotly_get_module(name, should_load)
    return None if being_imported(module) else module


def install() -> None:
    """Put whole_module in place of plotly's get_module: in its module, and in every loaded module that imported it."""
    optional_imports.get_module = whole_module
    for module in list(sys.modules.values()):
        if getattr(module, "__dict__", {}).get("get_module") is plotly_get_module:
            module.get_module = whole_module
