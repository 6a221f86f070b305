"""A fragment's request from a page the student has left is dropped (ui/page_guard.py); every other request runs."""

from __future__ import annotations

from types import SimpleNamespace

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession

from ui import page_guard

TRAIN, EXPLORE = "train-page-hash", "explore-page-hash"


def session(page_now: str = "") -> tuple[SimpleNamespace, list[ClientState]]:
    """A session whose latest run was on `page_now`, and the requests its guarded request_rerun passed on."""
    passed: list[ClientState] = []
    request = page_guard.guarded(lambda self, state: passed.append(state))
    fake = SimpleNamespace(_client_state=ClientState(page_script_hash=page_now))
    fake.request = lambda state: request(fake, state)
    return fake, passed


def test_stale_only_when_both_pages_are_known_and_differ() -> None:
    assert page_guard.stale(TRAIN, EXPLORE)
    assert not page_guard.stale(TRAIN, TRAIN)
    assert not page_guard.stale("", EXPLORE)
    assert not page_guard.stale(TRAIN, "")


def test_a_frame_asked_for_after_the_menu_click_is_dropped() -> None:
    fake, passed = session(page_now=TRAIN)
    menu = ClientState(page_script_hash=EXPLORE)
    ask = ClientState(page_script_hash=TRAIN, fragment_id="live-chart")
    fake.request(menu)
    fake.request(ask)
    assert passed == [menu]


def test_the_new_pages_fragments_and_every_whole_page_request_run() -> None:
    fake, passed = session(page_now=TRAIN)
    requests = [ClientState(page_script_hash=TRAIN, fragment_id="live-chart"), ClientState(page_script_hash=EXPLORE),
                ClientState(page_script_hash=EXPLORE, fragment_id="kernel-lab"), ClientState(page_script_hash=TRAIN),
                ClientState(page_script_hash=TRAIN, fragment_id="live-chart")]
    for request in requests:
        fake.request(request)
    fake.request(None)  # a rerun with the last client state (a changed file): Streamlit's own
    assert passed == [*requests, None]


def test_without_a_named_page_the_latest_runs_page_decides() -> None:
    fake, passed = session(page_now=EXPLORE)
    address = ClientState(page_script_hash="", page_name="explore")  # an address typed or reloaded
    stale = ClientState(page_script_hash=TRAIN, fragment_id="live-chart")
    fresh = ClientState(page_script_hash=EXPLORE, fragment_id="kernel-lab")
    for request in (address, stale, fresh):
        fake.request(request)
    assert passed == [address, fresh]


def test_installed_once_on_streamlits_session() -> None:
    page_guard.install()
    installed = AppSession.request_rerun
    page_guard.install()
    assert AppSession.request_rerun is installed
    assert installed._convlab_page_guard
