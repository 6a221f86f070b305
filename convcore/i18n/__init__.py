"""The library's text in Korean and English (the messages of its errors, and what every page shares: the app's
names, presets, samples, the image and kernel pickers, the share panel, the challenges); `t(key, lang)` looks one
up. Each page's own text is in ui/<page>/text.py, and ui.text looks up both."""

from __future__ import annotations

from typing import Any

from convcore.i18n import challenges, common, errors, inputs, share
from convcore.i18n.particles import fill

LANGS: tuple[str, ...] = ("ko", "en")
DEFAULT_LANG = "ko"
LANG_NAMES = {"ko": "한국어", "en": "English"}


def merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Merge string tables, refusing a key defined twice."""
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        for key, texts in table.items():
            if key in merged:
                raise KeyError(f"i18n key defined twice: {key}")
            merged[key] = texts
    return merged


STRINGS = merge(common.STRINGS, errors.STRINGS, inputs.STRINGS, share.STRINGS, challenges.STRINGS)


def normalize_lang(lang: str | None) -> str:
    """A supported language code, falling back to the default."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """The string for `key` in `lang`, with {placeholders} filled from params (and Korean particles chosen)."""
    return fill(STRINGS[key][normalize_lang(lang)], params)
