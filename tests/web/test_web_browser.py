"""The officer's main flow in a real browser (Debian's Chromium): sign in, search without diacritics, open
the record, see the entry highlighted on the scan, zoom, record a reuse."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select

from catalog.db import session_scope
from catalog.models import ReuseEvent
from hotich.settings import Settings
from search_ui.app import create_app
from tests.web.conftest import PASSWORD, Archive

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live_url(web_settings: Settings, archive: Archive) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(web_settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_officer_finds_a_record_sees_it_on_the_page_and_records_a_reuse(
    live_url: str, archive: Archive, web_settings: Settings, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{live_url}/search")
            assert "/login" in page.url
            page.fill("input[name=username]", "canbo")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/search")

            page.evaluate("document.activeElement.blur()")
            page.keyboard.press("/")  # the shortcut to the search box
            page.keyboard.type("nguyen thi huong")
            page.keyboard.press("Enter")
            page.wait_for_url("**/search?q=*")
            first = page.locator("#results tbody tr").first
            expect(first).to_have_attribute("data-record", str(archive.huong_id))
            expect(first.locator("mark").first).to_be_visible()
            page.screenshot(path=str(tmp_path / "1-results.png"), full_page=True)

            page.keyboard.press("ArrowDown")  # moves from the box to the first result
            page.keyboard.press("Enter")
            page.wait_for_url(f"**/records/{archive.huong_id}")
            expect(page.locator("#fields")).to_contain_text("Nguyễn Thị Hường")
            image = page.locator(".scan img")
            expect(image).to_be_visible()
            page.wait_for_function("document.querySelector('.scan img').naturalWidth > 0")
            box = page.locator("#entry-box")
            expect(box).to_be_visible()
            picture, mark = image.bounding_box(), box.bounding_box()
            assert picture and mark
            assert abs((mark["x"] - picture["x"]) / picture["width"] - 0.10) < 0.01
            assert abs((mark["y"] - picture["y"]) / picture["height"] - 0.20) < 0.01
            assert abs(mark["width"] / picture["width"] - 0.80) < 0.01
            page.click("[data-zoom=in]")
            page.wait_for_function(
                f"document.querySelector('.scan img').getBoundingClientRect().width > {picture['width'] * 1.4}"
            )
            page.screenshot(path=str(tmp_path / "2-record.png"), full_page=True)

            page.select_option("select[name=procedure]", "trich_luc")
            page.fill("input[name=reference]", "HS-2026-0042")
            page.click("#reuse-form button[type=submit]")
            expect(page.locator(".flash")).to_contain_text("Đã ghi nhận")
            expect(page.locator(".reuses")).to_contain_text("HS-2026-0042")
            page.screenshot(path=str(tmp_path / "3-reused.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "2-record.png").stat().st_size > 10_000
    with session_scope(web_settings.sqlalchemy_url) as session:
        event = session.scalars(select(ReuseEvent)).one()
    assert (event.record_id, event.procedure, event.reference) == (archive.huong_id, "trich_luc", "HS-2026-0042")


def test_digitizer_corrects_a_doubtful_record_beside_its_page(
    live_url: str, archive: Archive, web_settings: Settings, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{live_url}/login")
            page.fill("input[name=username]", "sohoa")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/review")
            page.click(f"a[href='/review/{archive.doubtful_id}']")
            name = page.locator("input[name=f_subject_name]")
            expect(name).to_have_value("Hoàng Thi Hôa")
            expect(page.locator("label.doubt input[name=f_subject_name]")).to_be_visible()
            name.focus()  # the name's own box shows on the page
            expect(page.locator("#field-box")).to_be_visible()
            name.fill("Hoàng Thị Hoa")
            page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
            page.click("#review-form button[type=submit]")
            page.wait_for_url("**/review")
            expect(page.locator(".flash")).to_contain_text("Đã lưu bản hiệu đính")
            page.goto(f"{live_url}/search?q=hoang+thi+hoa")
            expect(page.locator("#results tbody tr").first).to_have_attribute("data-record", str(archive.doubtful_id))
        finally:
            browser.close()
