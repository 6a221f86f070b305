"""Where ConvLab patches Streamlit (each patch's reason is in its module and in docs/upstream.md): once per process."""

from __future__ import annotations

import functools
from typing import Any, Callable


def wrap_once(owner: Any, name: str, wrap: Callable[[Callable], Callable], mark: str) -> None:
    """`owner.name` replaced by `wrap(owner.name)`, unless already wrapped so (app.py installs on every run). The
    wrapper carries `mark` and the marks of what it wraps: patches of the same function stack, each once."""
    original = getattr(owner, name)
    if getattr(original, mark, False):
        return
    wrapper = functools.update_wrapper(wrap(original), original)
    setattr(wrapper, mark, True)
    setattr(owner, name, wrapper)
