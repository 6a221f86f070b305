"""ConvLab entry point: page config, navigation over the pages, and the shared sidebar."""

import threading
from pathlib import Path

import streamlit as st

from convcore.i18n import LANG_NAMES, LANGS, normalize_lang
from convcore.limits import LIMITS
from convcore.links import APP_SCHEMA, codec
from ui import (batched_delivery, component_state, page_guard, presenter, run_handover, share, socket_writes,
                theme_message, widget_state)
from ui.collector import freeze_imports
from ui.components.address_bar import address_bar
from ui.components.live_chart import install_plotly_js, preload
from ui.components.screen import screen
from ui.live_training import answers_user
from ui.resend import resend_unseen
from ui.shell import korean_line_breaks, show_callback_errors, show_error
from ui.state import relabel_widgets, remember_widgets
from ui.text import t

# The tab's icon is served by the app itself (a Material icon would be fetched from a font server on every load,
# and be missing in a classroom without internet).
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.png"
st.set_page_config(page_title="ConvLab", page_icon=str(FAVICON), layout="wide")
widget_state.install()  # once per process: widgets look their own key up, not the whole session state
component_state.install()  # once per process: a component's state is presented without defining a class each time
page_guard.install()  # once per process: a fragment's request from a page the student has left is dropped
run_handover.install()  # once per process: a run's last messages reach the browser when the next request comes early
batched_delivery.install()  # once per process: a run's messages reach the socket in a few event-loop turns
socket_writes.install()  # once per process: answers reach the socket at once, a loop turn's in one write
theme_message.install()  # once per process: each run's new_session copies the theme read once from the config
install_plotly_js()  # once per process: Plotly.js into static/ for the live charts (or they fall back, logged)


def import_torch() -> None:
    """Load the engine (and torch) and cap torch's threads per the server's limits."""
    import torch

    import convcore.engine  # noqa: F401

    torch.set_num_threads(LIMITS.torch_threads)
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)  # a first optimizer imports torch._dynamo (~2 s)
    freeze_imports()  # the collector stops going through the imports' million objects (ui/collector.py)


@st.cache_resource
def warm_torch() -> threading.Thread:
    """Import torch once per server process in the background, so the first page never waits for it."""
    thread = threading.Thread(target=import_torch, daemon=True)
    thread.start()
    return thread


def on_language() -> None:
    """The sidebar picker changed: adopt its language."""
    st.session_state.lang = normalize_lang(st.session_state.lang_picker)
    relabel_widgets()


if "lang" not in st.session_state:
    st.session_state.lang = normalize_lang(st.query_params.get("lang"))
lang = st.session_state.lang
app_link = share.load("app", APP_SCHEMA)
if app_link is not None:
    st.session_state[presenter.KEY] = app_link["present"]

pages = [
    st.Page("views/home.py", title=t("nav_home", lang), icon=":material/home:", default=True, url_path="home"),
    st.Page("views/explore.py", title=t("nav_explore", lang), icon=":material/grid_on:", url_path="explore"),
    st.Page("views/train.py", title=t("nav_train", lang), icon=":material/show_chart:", url_path="train"),
    st.Page("views/lesson.py", title=t("nav_lesson", lang), icon=":material/menu_book:", url_path="lesson"),
    st.Page("views/challenge.py", title=t("nav_challenge", lang), icon=":material/quiz:", url_path="challenge"),
]
# The menu is drawn below with page links (they carry the language and presenter mode); Streamlit's own is hidden.
# The pages live in views/, not pages/: that folder name would put Streamlit in its legacy multipage mode.
page = st.navigation(pages, position="hidden")
resend_unseen(page.url_path)  # before any widget: values a run the browser never saw had given them

with st.sidebar:
    st.markdown(f"### {t('app_short', lang)}")
    for p in pages:
        st.page_link(p, query_params={"lang": lang, **codec.write(
            {"present": presenter.presenting()}, APP_SCHEMA)}, width="stretch")
    st.divider()
    st.session_state.lang_picker = lang
    st.segmented_control(t("language", lang), LANGS, format_func=LANG_NAMES.get, key="lang_picker", required=True,
                         on_change=on_language)
    st.toggle(t("present_toggle", lang), key=presenter.KEY, help=t("present_help", lang))
    share_slot = st.container()
    st.caption(t("sidebar_about", lang))
    address_bar()  # a settings change replaces the history entry: Back leaves a page in one press
st.query_params["lang"] = st.session_state.lang
presenter.apply()
korean_line_breaks()
share.begin_run(share_slot)
share.publish({"present": presenter.presenting()}, APP_SCHEMA, share=False)
show_callback_errors()
screen()  # a phone says so before the page draws: its charts stack
preload(page.url_path != "home")  # Plotly.js and the chart code load while the page runs, not after it
try:
    answers_user(page.run)()  # live training elsewhere on this server gives way until the page's run ends
except Exception as error:  # never Streamlit's English error box: the app's message, logged; sidebar and Share stay
    show_error(error)
finally:
    remember_widgets()  # what a link set or a first drawing made is kept for the next visit (ui.state.keep_widgets)
    warm_torch()  # once the first page is drawn: its script does not share the interpreter with torch's import
share.draw_share()  # pages with settings draw it themselves, before any st.stop()
