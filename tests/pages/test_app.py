"""AppTest: app.py and every page run without exception, in both languages."""

import pytest

PAGES = ["views/home.py", "views/explore.py", "views/train.py", "views/lesson.py"]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_both_languages(app_test, page, lang):
    at = app_test(lang, page=None if page == "views/home.py" else page)
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["lang"] == lang
    assert at.query_params["lang"] == [lang] or at.query_params["lang"] == lang


def test_home_shows_the_chosen_language(app_test):
    assert app_test("en").title[0].value == "Welcome to ConvLab"
    assert app_test("ko").title[0].value == "ConvLab에 오신 것을 환영합니다"


def test_unknown_language_falls_back_to_korean(app_test):
    at = app_test("xx")
    assert not at.exception and at.session_state["lang"] == "ko"


@pytest.mark.parametrize("page,query", [("views/explore.py", {}), ("views/train.py", {"src": "upload"})])
def test_a_page_s_run_no_longer_counts_as_answering_its_user_once_over(app_page, monkeypatch, page, query):
    """app.py marks each page's run as answering its user (other students' live training gives way meanwhile): the
    mark goes when the run ends, also a run stopped early (Train without a picture stops with st.stop)."""
    from ui import live_training

    seen, begin = [], live_training.USER_RUNS.begin

    def noted(session: str, now: float) -> bool:
        seen.append(now)
        return begin(session, now)

    monkeypatch.setattr(live_training.USER_RUNS, "begin", noted)
    at = app_page(page, **query)
    assert not at.exception and seen  # marked during the run
    assert not live_training.USER_RUNS.others("another student", seen[-1])  # read at the mark's own time: no expiry
