"""Every word of the UI in Korean and English: the library's shared and error text (convcore.i18n) and each page's
own (ui/<page>/text.py); `t(key, lang)` looks one up."""

from __future__ import annotations

from typing import Any

import ui.challenge.text
import ui.explore.text
import ui.lesson.text
import ui.lesson.why_text
import ui.train.text
import ui.train.why_text
from convcore import i18n
from convcore.i18n.particles import fill

STRINGS = i18n.merge(i18n.STRINGS, ui.explore.text.STRINGS, ui.train.text.STRINGS, ui.train.why_text.STRINGS,
                     ui.lesson.text.STRINGS, ui.lesson.why_text.STRINGS, ui.challenge.text.STRINGS)


def t(key: str, lang: str = i18n.DEFAULT_LANG, **params: Any) -> str:
    """The string for `key` in `lang`, with {placeholders} filled from params (and Korean particles chosen)."""
    return fill(STRINGS[key][i18n.normalize_lang(lang)], params)
