"""Process-wide memos that every session's script thread may share: each one guards its contents with a lock."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_MISSING = object()


class LruMemo(Generic[K, V]):
    """At most `size` values by key, the least recently used dropped first; safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for `key`, else make() (run outside the lock; the first value kept wins a tie)."""
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is not _MISSING:
                self._items.move_to_end(key)
                return value  # type: ignore[return-value]
        made = make()
        with self._lock:
            value = self._items.setdefault(key, made)  # another thread may have made it meanwhile
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
            return value

    def __len__(self) -> int:
        """How many values are kept."""
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._items.clear()


class Once(Generic[V]):
    """A value made on first use, exactly once even when several threads ask for it at the same time."""

    def __init__(self, make: Callable[[], V]) -> None:
        self._make = make
        self._value: object = _MISSING
        self._lock = threading.Lock()

    def get(self) -> V:
        """The value, made now if this is the first call."""
        value = self._value
        if value is _MISSING:
            with self._lock:
                if self._value is _MISSING:
                    self._value = self._make()
                value = self._value
        return value  # type: ignore[return-value]
