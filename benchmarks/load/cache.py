"""The browser's message cache, as a tab keeps it: cacheable ForwardMsgs by hash, sent back as `cached_message_hashes`,
resolving `ref_hash`, each kept CACHE_RUNS finished runs after its last use."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CACHE_RUNS = 2  # a cached message is kept this many finished runs after its last use (as the browser does)


class ProtocolError(Exception):
    """The server sent something a browser could not use, or did not answer as the protocol says."""


class MessageCache:
    """Cacheable ForwardMsgs by hash, kept CACHE_RUNS finished runs after their last use; resolves `ref_hash`."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[ForwardMsg, int]] = {}
        self.runs = 0

    def resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """The message itself, or the cached one a reference names (with the reference's metadata)."""
        if msg.WhichOneof("type") == "ref_hash":
            entry = self.entries.get(msg.ref_hash)
            if entry is None:
                raise ProtocolError(f"reference to a message not in the cache: {msg.ref_hash}")
            self.entries[msg.ref_hash] = (entry[0], self.runs)
            full = ForwardMsg()
            full.CopyFrom(entry[0])
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable:
            self.entries[msg.hash] = (msg, self.runs)
        return msg

    def finish_run(self) -> None:
        """A run finished: forget what was not used in the last CACHE_RUNS runs."""
        self.runs += 1
        self.entries = {h: e for h, e in self.entries.items() if self.runs - e[1] <= CACHE_RUNS}

    def hashes(self) -> list[str]:
        """The hashes to declare in the next rerun."""
        return list(self.entries)
