"""The pack's PDF, printed from its HTML by headless Chromium (Debian's ``chromium``) through
Playwright.

Why Chromium rather than WeasyPrint 70, measured on the Leeds pack on this 2-core machine
(4 December 2026, other work running; both give the same 4 A4 pages with the same breaks,
the chart never split, text selectable in reading order):

==========================  ===========================  ===================================
                            Chromium 150 (Playwright)    WeasyPrint 70
==========================  ===========================  ===================================
start                       1.0 s once per process       none
one pack's PDF              0.26-0.30 s                  0.43 s; 0.48 s tagged (pdf/ua-1)
file                        143 KB, tagged               47 KB untagged; 61 KB tagged
what lays the PDF out       the engine the accessibility a second engine: the page axe-core
                            test runs axe-core in        checked is not the one printed
==========================  ===========================  ===================================

For ``--all`` (160 packs on two cores) Chromium is the faster by about 0.15 s a pack; for one
pack WeasyPrint would save about a second of browser start, well inside the 5 s target. The
deciding reason is the last row: the printed PDF is laid out by the same browser in which the
tests check the page (WCAG 2.2 AA with axe-core), and Chromium writes a tagged PDF (structure
tree, language) by default. The browser is Debian's package, which the tests need anyway;
Playwright only drives it (no browser download).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..core.errors import OfstedAnalysisError

#: The browser flags: no network, no updates or sync, no GPU, no sandbox (CI runs as root).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    """Where Debian's Chromium is (``$OFSTED_CHROMIUM`` first, then ``chromium`` on PATH).

    Raises :class:`OfstedAnalysisError` saying how to install it when there is none.
    """
    found = os.environ.get("OFSTED_CHROMIUM") or shutil.which("chromium")
    if not found:
        raise OfstedAnalysisError(
            "brief: no Chromium browser found to print the PDF (looked for $OFSTED_CHROMIUM "
            "and `chromium` on PATH); install Debian's: apt-get install -y chromium"
        )
    return found


class Printer:
    """One headless Chromium kept open while packs are printed. Starting it takes about a
    second, so it starts in a thread of its own on entering and the pack is computed
    meanwhile; every call into Playwright is made from that one thread (its sync API is bound
    to the thread that started it). Use as a context manager:
    ``with Printer() as p: p.pdf(html_path, pdf_path)``."""

    def __enter__(self) -> Printer:
        from concurrent.futures import ThreadPoolExecutor

        self._thread = ThreadPoolExecutor(1, thread_name_prefix="chromium")
        self._started = self._thread.submit(self._start)
        return self

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        self._page = self._browser.new_page()
        self._page.emulate_media(media="print")

    def _print(self, html: Path, out: Path) -> Path:
        self._page.goto(html.resolve().as_uri(), wait_until="load")
        self._page.pdf(
            path=str(out),
            format="A4",
            print_background=True,
            prefer_css_page_size=True,
            tagged=True,
            outline=True,
        )
        return out

    def pdf(self, html: Path, out: Path) -> Path:
        """Print the HTML file ``html`` to ``out`` as A4 (the page's own @page margins)."""
        self._started.result()  # a browser that failed to start says why here
        return self._thread.submit(self._print, html, out).result()

    def _stop(self) -> None:
        if hasattr(self, "_browser"):
            self._browser.close()
        if hasattr(self, "_playwright"):
            self._playwright.stop()

    def __exit__(self, *exc) -> None:
        try:
            self._thread.submit(self._stop).result()
        finally:
            self._thread.shutdown()
