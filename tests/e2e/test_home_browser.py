"""Browser: the home page opens, the language switches, and no exception box is ever shown."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_no_exception, wait_app_idle

pytestmark = pytest.mark.browser


def test_home_switches_language(page: Page, app_url: str, artifacts) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(app_url + "/?lang=ko")
    expect(page.get_by_role("heading", name="ConvLab에 오신 것을 환영합니다")).to_be_visible(timeout=30_000)
    wait_app_idle(page)
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / "home_ko.png"), full_page=True)

    page.get_by_role("radio", name="English").or_(page.get_by_role("button", name="English")).first.click()
    expect(page.get_by_role("heading", name="Welcome to ConvLab")).to_be_visible(timeout=30_000)
    wait_app_idle(page)
    assert "lang=en" in page.url
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / "home_en.png"), full_page=True)
