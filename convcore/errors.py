"""Errors that carry an i18n key, so the UI can show them in the user's language."""

from __future__ import annotations

from typing import Any


class ConvLabError(ValueError):
    """A user-facing error: `key` names a message in convcore.i18n, `params` fill it in."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in the given language."""
        from convcore.i18n import t

        return t(self.key, lang, **self.params)


class ImageError(ConvLabError):
    """An upload that is not a usable image."""


class KernelError(ConvLabError):
    """A kernel that cannot be used (non-numeric, non-finite, too large)."""
