"""Data for ConvLab's components that Streamlit passes on as it is.

Streamlit checks each list or dict value of a component's data for a dataframe, and its first check imports pandas
and pyarrow: half a second of a cold page's first run, on pages that show no table. Tuples are not checked (they go
to the browser as the same JSON arrays), so lists go as tuples, and dicts, together, as JSON text under "objects",
which the component's JS merges back (static/live_chart/index.js).
"""

from __future__ import annotations

import json
from typing import Any

OBJECTS = "objects"


def plain(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with its lists as tuples and its dicts as JSON text under OBJECTS."""
    out: dict[str, Any] = {}
    objects = {}
    for name, value in data.items():
        if isinstance(value, dict):
            objects[name] = value
        elif isinstance(value, list):
            out[name] = tuple(value)
        else:
            out[name] = value
    if objects:
        out[OBJECTS] = json.dumps(objects)
    return out


def unpacked(data: dict[str, Any]) -> dict[str, Any]:
    """What the component's JS sees: `plain(data)` read back (tests and the load harness read elements with it)."""
    objects = data.get(OBJECTS)
    rest = {name: value for name, value in data.items() if name != OBJECTS}
    return {**rest, **json.loads(objects)} if isinstance(objects, str) else rest
