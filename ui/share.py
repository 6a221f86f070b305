"""Settings in the address bar: read a page's link once per session, write its settings back, and the Share panel."""

from __future__ import annotations

import threading
from typing import Any, Mapping
from urllib.parse import urlencode, urlsplit

import streamlit as st

from convcore.exports import qr_png
from convcore.links import addresses, codec
from convcore.links.codec import Field
from ui.shell import tr

NOTES_KEY = "_link_notes"
_run = threading.local()  # whether this script run drew Share (each session's script runs on its own thread)
SLOT_KEY = "_share_slot"  # where Share goes: a container in the sidebar (app.py)
QR_PX, QR_PRESENTER_PX = 260, 400  # the QR code on a laptop; on a projector, for a phone at the back of the room


def load(page: str, schema: Mapping[str, Field]) -> dict[str, Any] | None:
    """On the page's first run in this session: the link's values (bad ones reset, with a notice); else None.

    Call it before the page creates its widgets, and seed their session state from what it returns.
    """
    marker = f"_link_loaded_{page}"
    if st.session_state.get(marker):
        show_notice(page)
        return None
    st.session_state[marker] = True
    values, bad = codec.read(st.query_params.to_dict(), schema)
    for name in bad:
        del st.query_params[name]
    if bad:
        st.session_state[f"_link_bad_{page}"] = bad
        show_notice(page)
    return values


def show_notice(page: str) -> None:
    """The notice about a link's unusable values: it stays until dismissed (the page reruns often)."""
    bad = st.session_state.get(f"_link_bad_{page}")
    if not bad:
        return
    text_col, button_col = st.columns([10, 1], vertical_alignment="center")
    text_col.info(tr("share_bad_link", names=", ".join(bad)), icon=":material/link_off:")
    button_col.button(tr("share_dismiss"), key=f"_link_dismiss_{page}", on_click=st.session_state.pop,
                      args=(f"_link_bad_{page}", None))


def publish(values: Mapping[str, Any], schema: Mapping[str, Field], *, share: bool = True) -> None:
    """Put the settings that differ from their defaults into the address (drop the others), then draw Share.

    A page calls it once per run after its widgets (and its note()s) and before any st.stop(), so the
    link is complete.
    """
    query = codec.write(values, schema)
    shown = st.query_params.to_dict()  # read once: each lookup in st.query_params costs ~20 us, an edit asked ~25
    for name in schema:
        if name in query:
            if shown.get(name) != query[name]:
                st.query_params[name] = query[name]
        elif name in shown:
            del st.query_params[name]
    if share:
        draw_share()


def note(key: str, **params: Any) -> None:
    """A remark for the Share panel about this run's link (e.g. an upload is not in it)."""
    st.session_state.setdefault(NOTES_KEY, {})[key] = params


def begin_run(slot) -> None:
    """Before the page runs (app.py): where Share goes, and no remarks or panel yet."""
    st.session_state[SLOT_KEY] = slot  # kept for the page's fragments, whose reruns may run on another thread
    begin_fragment()


def begin_fragment() -> None:
    """At the start of a fragment that publishes: it draws Share again (Streamlit clears and redraws what a fragment
    wrote into the sidebar with each of its reruns, and opening the panel reruns that fragment)."""
    st.session_state[NOTES_KEY] = {}
    _run.drawn = False


def draw_share() -> None:
    """Draw the Share panel into this run's slot, once (app.py calls it too, for pages without settings)."""
    slot = st.session_state.get(SLOT_KEY)
    if slot is None or getattr(_run, "drawn", True):
        return
    _run.drawn = True
    with slot:
        share_panel()


def current_link() -> str:
    """The address of this view: the page's URL and its query string."""
    base = st.context.url or ""
    query = urlencode(st.query_params.to_dict(), safe=",;:")
    return f"{base}?{query}" if query else base


@st.cache_data(max_entries=64, show_spinner=False)
def cached_qr(link: str) -> bytes | None:
    """The QR code of a link (the same link gives the same picture for everyone)."""
    return qr_png(link)


@st.cache_data(show_spinner=False)
def cached_network_address() -> str | None:
    """This computer's address on its network (looked up once per server)."""
    return addresses.network_address()


def share_panel() -> None:
    """The Share popover: the class link with a copy button and its QR code (students never get presenter mode), the
    presenter's own link in presenter mode, whether students can open it at all, and what the link cannot carry."""
    link = current_link()
    box = st.popover(tr("share_button"), icon=":material/share:", width="stretch", key="share_popover",
                     on_change="rerun")
    if not box.open:  # filled when opened: a QR code costs ~40 ms, and every kernel edit makes a new link
        return
    links = addresses.share_links(link, st.get_option("server.address") or "", cached_network_address())
    with box:  # the QR code first: in front of a class it is what the room needs, whole on the first screen
        st.caption(tr("share_help"))
        picture = cached_qr(links.class_link)
        if picture is None:
            st.caption(tr("share_qr_too_long"))
        else:
            st.image(picture, caption=tr("share_qr"), width=QR_PRESENTER_PX if links.presenter_link else QR_PX)
        st.markdown(f"**{tr('share_link')}**")
        st.code(links.class_link, language=None, wrap_lines=True)
        if links.network_host:
            st.info(tr("share_network", host=links.network_host), icon=":material/wifi:")
        elif links.loopback:
            st.warning(tr("share_loopback", host=urlsplit(link).hostname), icon=":material/wifi_off:")
        for key, params in st.session_state.get(NOTES_KEY, {}).items():
            st.warning(tr(key, **params), icon=":material/info:")
        if links.presenter_link:
            st.markdown(f"**{tr('share_presenter_link')}**")
            st.code(links.presenter_link, language=None, wrap_lines=True)
