"""A reader's view of a static page in headless Chromium: what it asked the network for, what broke, how it looks.

`Reader.open` records every request the page makes, every uncaught JavaScript error and every console
error, so a test can say "loaded nothing from the network, threw nothing"; `screenshot` keeps a PNG in
the test artefacts folder for a person to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, ViewportSize

PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1280, height=900)
ACTION_TIMEOUT_MS = 5000
"""A static page answers at once; waiting Playwright's default 30 s would only slow a failing test down."""

CONTRAST_SCRIPT = """
(selector) => {
  function channel(value) {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
  function rgb(text) { return text.match(/[\\d.]+/g).map(Number); }
  function luminance(colour) {
    const [r, g, b] = rgb(colour);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }
  function background(element) {
    for (let node = element; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      const parts = rgb(colour);
      if (parts.length < 4 || parts[3] > 0) { return colour; }
    }
    return "rgb(255, 255, 255)";
  }
  return Array.from(document.querySelectorAll(selector)).map((element) => {
    const fore = luminance(getComputedStyle(element).color);
    const back = luminance(background(element));
    const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    return [element.textContent.trim().slice(0, 40), Math.round(ratio * 100) / 100];
  });
}
"""


@dataclass
class Visit:
    """One page as loaded: its problems are collected for the whole life of the visit."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def contrast(self, selector: str) -> list[tuple[str, float]]:
        """(text, contrast ratio against its background) of every element the selector finds."""
        return [(text, ratio) for text, ratio in self.page.evaluate(CONTRAST_SCRIPT, selector)]


class Reader:
    """Opens pages in one tab per screen size (a new tab costs Chromium about half a second, a page 0.1 s)."""

    def __init__(self, browser: Browser, artefacts: Path) -> None:
        self.browser = browser
        self.artefacts = artefacts
        self._tabs: dict[tuple[int, int], tuple[Page, list[Visit]]] = {}

    def open(self, url: str, viewport: ViewportSize = DESKTOP) -> Visit:
        page, current = self._tab(viewport)
        page.goto("about:blank")  # so that a URL differing only in its #fragment loads the page afresh
        visit = Visit(page)
        current[:] = [visit]
        page.goto(url)
        page.wait_for_load_state("load")
        return visit

    def _tab(self, viewport: ViewportSize) -> tuple[Page, list[Visit]]:
        key = (viewport["width"], viewport["height"])
        if key not in self._tabs:
            page = self.browser.new_page(viewport=viewport)
            page.set_default_timeout(ACTION_TIMEOUT_MS)
            current: list[Visit] = []

            def console(message: ConsoleMessage) -> None:
                if message.type == "error" and current:
                    current[0].errors.append(f"console: {message.text}")

            def request(sent: Request) -> None:
                if current:
                    current[0].requests.append(sent.url)

            def uncaught(error: Exception) -> None:
                if current:
                    current[0].errors.append(f"uncaught: {error}")

            page.on("pageerror", uncaught)
            page.on("console", console)
            page.on("request", request)
            self._tabs[key] = (page, current)
        return self._tabs[key]

    def screenshot(self, visit: Visit, name: str) -> Path:
        self.artefacts.mkdir(parents=True, exist_ok=True)
        path = self.artefacts / f"{name}.png"
        visit.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        for page, _ in self._tabs.values():
            page.close()
