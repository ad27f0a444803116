"""The checks themselves can fail: a page with known problems is caught by each of them."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Error, Page

from .helpers import PageChecker, csp_violations


def test_axe_check_reports_serious_problems_with_their_selector(page: Page, live_server, db):
    page.goto("/account/sign-in/")
    page.evaluate(
        """() => {
          const img = document.createElement("img");
          img.id = "no-alt-text";
          img.src = "/static/favicon-that-is-not-there.png";
          document.querySelector("main").append(img);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        PageChecker(test_name="harness-axe")(page, zoom=False)
    message = str(failure.value)
    assert "image-alt" in message
    assert "#no-alt-text" in message
    assert "Images must have alternative text" in message


def test_reflow_check_catches_sideways_scrolling_but_not_inside_table_wrap(
    page: Page, live_server, db
):
    page.goto("/account/sign-in/")
    # CSSOM changes are allowed by the CSP (style attributes in markup are not).
    page.evaluate(
        """() => {
          const wrap = document.createElement("div");
          wrap.className = "table-wrap";
          const wide = document.createElement("table");
          wide.style.width = "900px";
          wide.innerHTML =
            "<caption>Wide</caption><tr><th scope='col'>A</th></tr><tr><td>1</td></tr>";
          wrap.append(wide);
          document.querySelector("main").append(wrap);
        }"""
    )
    PageChecker(test_name="harness-reflow-ok")(page)  # a wide table in .table-wrap is fine

    page.evaluate(
        """() => {
          const banner = document.createElement("div");
          banner.className = "too-wide";
          banner.textContent = "A banner that does not reflow";
          banner.style.width = "700px";
          document.querySelector("main").append(banner);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        PageChecker(test_name="harness-reflow")(page)
    assert "reflow (WCAG 1.4.10)" in str(failure.value)
    assert "div.too-wide" in str(failure.value)


def test_csp_blocks_inline_code_and_the_listener_sees_it(context: BrowserContext, live_server, db):
    # Its own tab: the `page` fixture would (rightly) fail this test for the violations.
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto("/account/sign-in/")
    assert csp_violations(page) == []
    with pytest.raises(Error, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("window.injected === undefined")
    page.evaluate("document.querySelector('h1').setAttribute('style', 'color: red')")
    found = csp_violations(page)
    assert any(v.startswith("script-src-elem blocked inline") for v in found), found
    assert any(v.startswith("style-src-attr blocked inline") for v in found), found
    assert sum("Content Security Policy" in text for text in console) >= 2, console
