"""lesson page strings."""

STRINGS: dict[str, dict[str, str]] = {}
