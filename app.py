"""ConvLab entry point: page config, navigation over the pages, and the shared sidebar."""

import threading

import streamlit as st

from convcore.i18n import LANG_NAMES, LANGS, normalize_lang, t

st.set_page_config(page_title="ConvLab", page_icon="🔳", layout="wide")


@st.cache_resource
def warm_torch() -> threading.Thread:
    """Import torch once per server process in the background, so the first page never waits for it."""
    thread = threading.Thread(target=lambda: __import__("convcore.engine"), daemon=True)
    thread.start()
    return thread


warm_torch()
if "lang" not in st.session_state:
    st.session_state.lang = normalize_lang(st.query_params.get("lang"))
lang = st.session_state.lang

pages = [
    st.Page("pages/home.py", title=t("nav_home", lang), icon=":material/home:", default=True, url_path="home"),
    st.Page("pages/explore.py", title=t("nav_explore", lang), icon=":material/grid_on:", url_path="explore"),
    st.Page("pages/train.py", title=t("nav_train", lang), icon=":material/show_chart:", url_path="train"),
    st.Page("pages/lesson.py", title=t("nav_lesson", lang), icon=":material/menu_book:", url_path="lesson"),
]
page = st.navigation(pages)



def on_language() -> None:
    """The sidebar picker changed: adopt its language."""
    st.session_state.lang = normalize_lang(st.session_state.lang_picker)


with st.sidebar:
    st.session_state.lang_picker = lang
    st.segmented_control(t("language", lang), LANGS, format_func=LANG_NAMES.get, key="lang_picker", required=True,
                         on_change=on_language)
    st.caption(t("sidebar_about", lang))
st.query_params["lang"] = st.session_state.lang
page.run()
