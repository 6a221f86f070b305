"""Browser: the home page opens, the language switches, and no exception box is ever shown."""

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import assert_no_exception, wait_app_idle
from ui.text import t

pytestmark = pytest.mark.browser


def test_home_switches_language(page: Page, app_url: str, artifacts) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(app_url + "/?lang=ko")
    expect(page.get_by_role("heading", name="ConvLab에 오신 것을 환영합니다")).to_be_visible(timeout=30_000)
    wait_app_idle(page)
    assert_no_exception(page)
    heading = page.get_by_role("heading", name="ConvLab에 오신 것을 환영합니다")
    expect(heading).to_have_css("word-break", "keep-all")  # Korean breaks between words, never inside one
    page.screenshot(path=str(artifacts / "home_ko.png"), full_page=True)

    page.get_by_role("radio", name="English").or_(page.get_by_role("button", name="English")).first.click()
    expect(page.get_by_role("heading", name="Welcome to ConvLab")).to_be_visible(timeout=30_000)
    wait_app_idle(page)
    assert "lang=en" in page.url
    assert_no_exception(page)
    expect(page.get_by_role("heading", name="Welcome to ConvLab")).not_to_have_css("word-break", "keep-all")
    page.screenshot(path=str(artifacts / "home_en.png"), full_page=True)


def test_no_page_asks_another_host(page: Page, app_url: str) -> None:
    """Must not happen: a request to any host but the app's (a classroom may have no internet; nothing is fetched
    from a font or icon server, nothing is reported elsewhere). The tab's icon is the app's own."""
    own = urlsplit(app_url).netloc
    elsewhere: list[str] = []
    page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(r.url).netloc != own and elsewhere.append(r.url))
    page.set_viewport_size({"width": 1400, "height": 900})
    for path, title in (("/", "home_title"), ("/explore", "explore_title"), ("/train", "train_title"),
                        ("/lesson", "lesson_title")):
        page.goto(f"{app_url}{path}?lang=en")
        expect(page.get_by_role("heading", name=t(title, "en"))).to_be_visible(timeout=30_000)
        wait_app_idle(page)
        assert_no_exception(page)
    icon = page.locator("link[rel~='icon']").first.get_attribute("href")
    assert icon and urlsplit(urljoin(page.url, icon)).netloc == own, icon
    assert elsewhere == [], elsewhere
