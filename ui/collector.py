"""Python's cycle collector, told once per server process that the imports are there to stay.

A full collection goes through every object the process holds, and after torch, plotly and Streamlit are imported
that is about a million objects that never become garbage: under a class's load (edit60) each server process ran a
full collection every 10-15 s, holding the interpreter ~0.3 s each time (every student of that process waits), and
the collector took ~10% of the server's CPU. Once the imports are done (app.py's background import of torch), the
objects alive are collected once and then frozen (`gc.freeze`): later collections look only at what came after.
"""

from __future__ import annotations

import gc


def freeze_imports() -> None:
    """Collect once, then move every object alive now out of the collector's view (once per process: app.py)."""
    gc.collect()
    gc.freeze()
