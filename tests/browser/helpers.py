"""What the browser journeys share: signing in through the real pages, and checking each page.

`PageChecker` (the `axe_check` fixture) runs axe-core with the WCAG 2.2 AA rule tags on a page at
desktop width and again at 320 CSS px (what a 1280 px screen shows at 400% zoom), asserts that the
page does not scroll sideways at that width (WCAG 1.4.10 Reflow; wide tables may scroll inside
their own `.table-wrap`), and saves a full-page screenshot of both for humans to look at.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import axe_playwright_python
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, ViewportSize, expect

from directsupport.accounts.models import User
from tests.factories import PASSWORD, add_backup_code

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()

WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
DESKTOP = ViewportSize(width=1280, height=900)
# 1280 CSS px at 400% zoom: the width WCAG 1.4.10 asks content to reflow into.
ZOOMED_400 = ViewportSize(width=320, height=640)

# Runs before any page script, so it sees every violation, including ones during parsing.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + (event.sourceFile || document.location.pathname) + ":" + event.lineNumber
  );
});
"""

# Elements that stick out past the right edge of the viewport, outside any .table-wrap.
OVERFLOWING_ELEMENTS = """
() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".table-wrap")) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const parent = el.parentElement;
    if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 1
        && !parent.closest(".table-wrap")) continue;  // report the outermost culprit only
    const classes = el.classList.length ? "." + [...el.classList].join(".") : "";
    found.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes +
               " (right edge at " + Math.round(box.right) + "px)");
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: width, found: found};
}
"""


def sign_in(
    page: Page,
    live_server: Any,
    user: User,
    password: str = PASSWORD,
    *,
    backup_code: str = "browser01",
) -> None:
    """Sign in through the real sign-in page and, where the role needs it, the two-factor page.

    Staff have an authenticator app set up; the browser types one of their backup codes instead,
    as someone without their phone would.
    """
    if user.needs_two_factor:
        give_backup_code(user, backup_code)
    page.goto(f"{live_server.url}/account/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if user.needs_two_factor:
        expect(page.get_by_role("heading", level=1)).to_have_text("Check it is you")
        page.get_by_label("Code", exact=True).fill(backup_code)
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Sign out").first).to_be_attached()


def give_backup_code(user: User, code: str) -> None:
    """The user has an authenticator app set up, and this single-use backup code."""
    TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    add_backup_code(user, code)


def title(*parts: str) -> str:
    """A page title as the site writes them: the parts, then the site name, joined by en dashes."""
    return " \N{EN DASH} ".join([*parts, "Direct Your Support"])


def sign_out(page: Page) -> None:
    page.locator("header").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def csp_violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120]


@dataclass
class PageChecker:
    """Checks pages for one test; numbered screenshots keep the order the pages were seen in.

    With keep_going (what the `axe_check` fixture uses) a page with problems does not stop the
    journey: every page is checked, and the test fails at the end listing all of them.
    """

    test_name: str
    keep_going: bool = False
    checked: int = 0
    reports: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def __call__(self, page: Page, *, zoom: bool = True) -> None:
        """Serious or critical axe violations, and (zoom=True) sideways scrolling, fail."""
        self.checked += 1
        stem = f"{_slug(self.test_name)}-{self.checked}"
        page.wait_for_load_state("load")
        problems = self._axe(page, stem, "desktop")
        if zoom:
            original = page.viewport_size or DESKTOP
            page.set_viewport_size(ZOOMED_400)
            try:
                problems += self._axe(page, f"{stem}-320px", "320px wide (400% zoom)")
                problems += self._reflow(page)
            finally:
                page.set_viewport_size(original)
        if problems:
            self.failures.append(
                f"Accessibility problems on {page.url} (page {self.checked} of {self.test_name},"
                f" screenshot test-artifacts/screenshots/{stem}.png):\n" + "\n".join(problems)
            )
            if not self.keep_going:
                self.assert_clean()

    def assert_clean(self) -> None:
        """Fail with every problem found so far (each is reported once)."""
        failures, self.failures = self.failures, []
        assert not failures, "\n\n".join(failures)

    def _axe(self, page: Page, stem: str, where: str) -> list[str]:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{stem}.png"), full_page=True)
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # page.evaluate is not subject to the page's CSP, so no bypass_csp is needed.
            page.evaluate(AXE_SOURCE)
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG_22_AA_TAGS,
        )
        violations = results["violations"]
        self._save_report(stem, page.url, where, violations)
        problems = []
        for violation in violations:
            if violation["impact"] not in FAILING_IMPACTS:
                continue
            for node in violation["nodes"]:
                problems.append(
                    f"  [{where}] {violation['impact']} {violation['id']}: {violation['help']}"
                    f" -> {' '.join(map(str, node['target']))}"
                    f"\n      {node.get('failureSummary', '').replace(chr(10), ' ')}"
                    f"\n      {violation['helpUrl']}"
                )
        return problems

    def _reflow(self, page: Page) -> list[str]:
        overflow = page.evaluate(OVERFLOWING_ELEMENTS)
        if overflow["scrollWidth"] <= overflow["width"] + 1:
            return []
        return [
            f"  [320px wide] reflow (WCAG 1.4.10): the page scrolls sideways "
            f"({overflow['scrollWidth']}px content in {overflow['width']}px); outside .table-wrap: "
            + (", ".join(overflow["found"]) or "no single element found")
        ]

    def _save_report(self, stem: str, url: str, where: str, violations: list[Any]) -> None:
        AXE_REPORTS.mkdir(parents=True, exist_ok=True)
        summary = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [node["target"] for node in v["nodes"]],
            }
            for v in violations
        ]
        report = {"url": url, "where": where, "violations": summary}
        self.reports.append(report)
        (AXE_REPORTS / f"{stem}.json").write_text(json.dumps(report, indent=2))
