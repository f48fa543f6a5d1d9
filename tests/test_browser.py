"""The site in a real browser (issue 3): headless Chromium from Debian driven by Playwright.

Open 78/167, hover footnote 5 and read its tooltip; follow the verb link of op15 to the
"Recognizes" page and find op15 there; search for "Galaxy" and reach op9. The site is built
for, and served from, a local address (Material's instant navigation needs site_url to match).
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_build import ROOT, build_site, make_content

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Iterator[str]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it"
    root = tmp_path_factory.mktemp("browser")
    texts = [ROOT / "content" / "resolutions" / "A-RES-78-167.txt",
             corpus / "ga80-md" / "A_RES_80_51.md", corpus / "ga80-md" / "A_RES_80_1.md"]
    content = make_content(root / "content", texts)
    annotations = ROOT / "content" / "annotations"
    if annotations.is_dir():  # the shipped example notes (issue 7)
        import shutil
        shutil.copytree(annotations, content / "annotations")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    assert build_site(content, root / "site", root / "cache", site_url=url).ok
    handler = functools.partial(Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser(served: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    context.close()
    assert not errors, errors


def test_footnote_tooltip(page: object, served: str) -> None:
    p = page
    p.goto(served + "A-RES-78-167/")  # type: ignore[attr-defined]
    ref = p.locator('sup#fnref\\:5 a.footnote-ref')  # type: ignore[attr-defined]
    ref.scroll_into_view_if_needed()
    ref.hover()
    tip = p.locator(".md-tooltip2")  # type: ignore[attr-defined]
    tip.first.wait_for(state="visible", timeout=5000)
    assert "Resolution 73/291, annex." in tip.first.inner_text()


def test_permalink_and_cite_button(page: object, served: str) -> None:
    p = page
    p.goto(served + "A-RES-78-167/")  # type: ignore[attr-defined]
    num = p.locator("#op5 > p > a.pnum")  # type: ignore[attr-defined]
    assert num.inner_text() == "5." and num.get_attribute("href").endswith("#op5")
    button = p.locator("#op5 button.cite")  # type: ignore[attr-defined]
    assert button.get_attribute("data-cite") == "A/RES/78/167, para. 5"
    assert p.locator("#pp3 button.cite").get_attribute("data-cite") == (  # type: ignore[attr-defined]
        "A/RES/78/167, preambular para. 3")
    p.context.grant_permissions(["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    p.locator("#op5").hover()  # type: ignore[attr-defined]
    button.click()
    copied = p.evaluate("navigator.clipboard.readText()")  # type: ignore[attr-defined]
    assert copied == "A/RES/78/167, para. 5"
    num.click()
    p.wait_for_url("**/A-RES-78-167/#op5")  # type: ignore[attr-defined]


def test_verb_link_leads_to_the_paragraph_on_the_verb_page(page: object, served: str) -> None:
    p = page
    p.goto(served + "A-RES-78-167/#op15")  # type: ignore[attr-defined]
    p.mouse.move(0, 0)  # type: ignore[attr-defined]
    link = p.locator("#op15 a.verb")  # type: ignore[attr-defined]
    assert link.inner_text() == "Also recognizes"
    link.click()
    p.wait_for_url("**/verbs/operative/recognizes/#A-RES-78-167-op15")  # type: ignore[attr-defined]
    p.locator("#A-RES-78-167-op15").wait_for(state="visible", timeout=5000)  # type: ignore[attr-defined]
    assert p.locator("h1").inner_text().strip().rstrip("¶") == "Recognizes"  # type: ignore[attr-defined]
    quote = p.locator("#A-RES-78-167-op15")  # type: ignore[attr-defined]
    quote.wait_for(state="visible")
    assert quote.is_visible()
    assert "A/RES/78/167, para. 15" in quote.inner_text()
    assert "the need to enhance the provision and mobilization" in quote.inner_text()
    # and back: the quote links to the paragraph on its resolution page
    quote.locator("a.qref").click()
    p.wait_for_url("**/A-RES-78-167/#op15")  # type: ignore[attr-defined]
    # instant navigation changes the address before it swaps the content in: wait for it
    p.locator("#op15").wait_for(state="visible", timeout=5000)  # type: ignore[attr-defined]


def test_search_reaches_the_paragraph(page: object, served: str) -> None:
    p = page
    p.goto(served + "A-RES-78-167/")  # type: ignore[attr-defined]
    box = p.locator(".resodocs-search-form input")  # type: ignore[attr-defined]
    box.fill("Galaxy")
    box.press("Enter")
    p.wait_for_url("**/search/?q=Galaxy")  # type: ignore[attr-defined]
    hit = p.locator('a[href$="/A-RES-78-167/#op9"]').first  # type: ignore[attr-defined]
    hit.wait_for(state="visible", timeout=15000)
    hit.click()
    p.wait_for_url("**/A-RES-78-167/#op9")  # type: ignore[attr-defined]
    op9 = p.locator("#op9")  # type: ignore[attr-defined]
    op9.wait_for(state="visible", timeout=5000)
    p.wait_for_timeout(200)  # type: ignore[attr-defined]  # let the scroll settle
    assert "Galaxy" in op9.inner_text()
    box = op9.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view


def test_screenshot(page: object, served: str) -> None:
    """The page renders (a picture of some size); with RESODOCS_SCREENSHOTS=1 the picture
    replaces docs/images/site-78-167.png, the one the README shows."""
    p = page
    p.goto(served + "A-RES-78-167/")  # type: ignore[attr-defined]
    p.wait_for_timeout(300)  # type: ignore[attr-defined]
    data = p.screenshot()  # type: ignore[attr-defined]
    assert len(data) > 10000
    if os.environ.get("RESODOCS_SCREENSHOTS") == "1":
        out = ROOT / "docs" / "images" / "site-78-167.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)


def test_printing_a_page_from_the_browser(page: object, served: str, tmp_path: Path) -> None:
    """Chromium's own print of a resolution page: the text, its footnotes and where its
    citations lead; no navigation."""
    import subprocess

    p = page
    p.goto(served + "A-RES-78-167/")  # type: ignore[attr-defined]
    p.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not p.locator(".md-sidebar--primary").is_visible()  # type: ignore[attr-defined]
    out = tmp_path / "print.pdf"
    out.write_bytes(p.pdf(format="A4"))  # type: ignore[attr-defined]
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "South-South cooperation" in flat and "Galaxy, the Global South-South" in flat
    assert "Resolution 73/291 <https://docs.un.org/en/A/RES/73/291>, annex." in flat  # footnotes
    compact = "".join(text.split())  # pdftotext breaks long addresses over lines
    assert "73/291<https://docs.un.org/en/A/RES/73/291>" in compact  # where citations lead
    assert "127.0.0.1" not in compact  # not the site's own addresses
    for chrome in ("How to read", "Cited documents", "Table of contents"):
        assert chrome not in flat, chrome
