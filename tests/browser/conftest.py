"""Browser tests: the system Chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked `browser` and skipped when /usr/bin/chromium is missing
(`.ci/run` installs it, so in CI they always run). Chromium starts once per session; each test
gets a fresh context (no cookies shared between tests) that runs under the site's real Content
Security Policy, and fails if the page broke the CSP or threw a JavaScript error.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    expect,
    sync_playwright,
)

from .helpers import (
    AXE_REPORTS,
    CSP_LISTENER,
    DESKTOP,
    SCREENSHOTS,
    PageChecker,
    csp_violations,
)

# Playwright's sync API keeps an asyncio loop running on this thread, and Django refuses ORM
# calls from a thread with a running loop. Our code is all synchronous, so the check is moot.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BROWSER_TESTS = Path(__file__).parent
# Long enough for a slow CI machine, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (apt: chromium)")
    for item in items:
        if not item.path.is_relative_to(BROWSER_TESTS):
            continue
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A journey that completes but met accessibility problems fails as the test itself (not
    as a fixture error); if it stopped early, the axe_check fixture reports them instead."""
    result = yield
    checker = getattr(item, "funcargs", {}).get("axe_check")
    if isinstance(checker, PageChecker):
        checker.assert_clean()
    return result


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Screenshots and axe reports of this run only, so nobody looks at a stale picture.
    for folder in (SCREENSHOTS, AXE_REPORTS):
        shutil.rmtree(folder, ignore_errors=True)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()


def _new_context(browser: Browser, live_server: Any) -> BrowserContext:
    context = browser.new_context(
        base_url=live_server.url,
        viewport=DESKTOP,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(CSP_LISTENER)
    return context


def _watch(page: Page, problems: list[str]) -> None:
    """Record every CSP violation and uncaught script error the page reports."""

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("Refused to"):
            problems.append(f"CSP ({page.url}): {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript error ({page.url}): {error}"))


@pytest.fixture
def context(browser: Browser, live_server: Any) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies) for one test, under the site's real CSP."""
    context = _new_context(browser, live_server)
    yield context
    context.close()


@pytest.fixture
def open_page(browser: Browser, live_server: Any) -> Iterator[Callable[[], Page]]:
    """open_page() gives a tab in another fresh browser profile: a second user at once."""
    contexts: list[BrowserContext] = []
    problems: list[str] = []

    def make() -> Page:
        context = _new_context(browser, live_server)
        contexts.append(context)
        page = context.new_page()
        _watch(page, problems)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A tab that records CSP violations and script errors; either fails the test at the end."""
    page = context.new_page()
    problems: list[str] = []
    _watch(page, problems)
    yield page
    problems.extend(f"CSP ({page.url}): {v}" for v in _safe_violations(page))
    assert not problems, "\n".join(dict.fromkeys(problems))


def _safe_violations(page: Page) -> list[str]:
    try:
        return csp_violations(page)
    except Exception:
        return []  # the page is between documents; the console listener still saw everything


@pytest.fixture
def axe_check(request: pytest.FixtureRequest) -> Iterator[Callable[..., None]]:
    """axe_check(page) checks a page for serious/critical WCAG 2.2 AA problems at 1280 and
    320 px wide; the test fails at the end listing every page that had any."""
    checker = PageChecker(test_name=request.node.name, keep_going=True)
    yield checker
    checker.assert_clean()
