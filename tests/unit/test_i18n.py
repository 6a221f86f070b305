"""Every user-facing string exists in Korean and English with the same placeholders."""

import string

from convcore.i18n import LANGS, normalize_lang
from ui.text import STRINGS, t


def fields(text: str) -> set[str]:
    """The {placeholders} of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_and_same_placeholders():
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert fields(texts["ko"]) == fields(texts["en"]), key


def test_korean_texts_are_korean():
    hangul = [k for k, v in STRINGS.items() if any("\uac00" <= ch <= "\ud7a3" for ch in v["ko"])]
    assert len(hangul) > 0.8 * len(STRINGS)


def test_lookup_and_fallback():
    assert t("nav_home", "en") == "Home" and t("nav_home", "ko") == "홈"
    assert normalize_lang("fr") == "ko" and normalize_lang(None) == "ko"
    assert "6" in t("err_stride", "en", value=6) or "0" in t("err_stride", "en", value=0)
