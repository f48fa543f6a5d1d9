"""Bytes a reader downloads for a first search, measured in headless Chromium.

The built site is served with `http.server` on 127.0.0.1 (the site is built for that address:
Material's instant navigation needs it). A fresh browser context (empty cache) opens
``search/?q=<query>``; the search page runs the query; we wait for the first results and for
the network to go quiet (Pagefind loads the fragments of the results shown), then add up every
request. Requests are counted at the BrowserContext level (`requestfinished`), which also sees
the fetches Pagefind makes from its Web Worker; the server's own count of bytes sent is kept as
a cross-check.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site and counts the body bytes sent per path."""

    sent: dict[str, int]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        n = 0
        while True:
            buf = source.read(64 * 1024)
            if not buf:
                break
            outputfile.write(buf)
            n += len(buf)
        path = unquote(urlsplit(self.path).path)
        self.sent[path] = self.sent.get(path, 0) + n


@contextmanager
def serve(site: Path, port: int) -> Iterator[dict[str, int]]:
    """Serve `site` on 127.0.0.1:`port`; yields the server's bytes-sent-per-path record."""
    sent: dict[str, int] = {}
    handler = type("Handler", (_Counting,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield sent
    finally:
        server.shutdown()
        server.server_close()


def category(path: str) -> str:
    """What a request is for, as the breakdown lists it."""
    name = path.rsplit("/", 1)[-1]
    if "/pagefind-" in path or path.startswith("pagefind-"):
        if name.startswith(("pagefind-ui", "pagefind-component-ui")):
            return "pagefind UI (js, css)"
        if name.endswith(".pf_meta"):
            return "pagefind metadata (.pf_meta)"
        if name.endswith(".pf_index"):
            return "pagefind index chunks (.pf_index)"
        if name.endswith(".pf_fragment"):
            return "pagefind result fragments (.pf_fragment)"
        if name.endswith(".pf_filter"):
            return "pagefind filters (.pf_filter)"
        return "pagefind runtime (js, wasm, entry)"
    if name.startswith("resodocs-search"):
        return "resodocs search script and css"
    if "/assets/" in path or path.startswith("assets/"):
        return "theme and site assets"
    return "page HTML and other"


SEARCH_CATEGORIES = ("pagefind UI (js, css)", "pagefind metadata (.pf_meta)",
                     "pagefind index chunks (.pf_index)", "pagefind result fragments (.pf_fragment)",
                     "pagefind filters (.pf_filter)", "pagefind runtime (js, wasm, entry)",
                     "resodocs search script and css")
"""What the search costs on top of opening any page of the site."""


@dataclass(slots=True)
class FirstSearch:
    """What the first search cost."""

    query: str
    results: int
    message: str
    seconds_to_results: float
    requests: list[dict[str, Any]] = field(default_factory=list)
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)
    search_bytes: int = 0
    """Bytes of the search's own requests (`SEARCH_CATEGORIES`), headers included."""
    total_bytes: int = 0
    """Every request of the page load and the query, headers included."""
    server_bytes: int = 0
    """Body bytes the server sent (cross-check of the browser's count)."""
    server_search_bytes: int = 0
    errors: list[str] = field(default_factory=list)


def first_search(site: Path, port: int, query: str = "Galaxy", timeout: float = 60.0) -> FirstSearch:
    """Open ``search/?q=<query>`` on the served site in a fresh context and count the bytes."""
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}/"
    with serve(site, port) as sent, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            finished: list[Any] = []
            failed: list[str] = []
            last = [time.monotonic()]

            def on_finished(request: Any) -> None:
                finished.append(request)
                last[0] = time.monotonic()

            def on_failed(request: Any) -> None:
                failed.append(f"{request.url}: {request.failure}")
                last[0] = time.monotonic()

            context.on("requestfinished", on_finished)
            context.on("requestfailed", on_failed)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            t0 = time.perf_counter()
            page.goto(base + f"search/?q={query}")
            page.locator(".pagefind-ui__result").first.wait_for(state="visible",
                                                               timeout=timeout * 1000)
            seconds = time.perf_counter() - t0
            # let the result fragments and anything else in flight finish
            deadline = time.monotonic() + timeout
            while time.monotonic() - last[0] < 1.5 and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            message = page.locator(".pagefind-ui__message").first.inner_text()
            shown = page.locator(".pagefind-ui__result").count()
            out = FirstSearch(query, shown, message.strip(), seconds, errors=errors + failed)
            raw = [(urlsplit(req.url).path, req.sizes(), req.resource_type) for req in finished]
            context.close()
        finally:
            browser.close()
    # The browser reports no body for some requests (the Web Worker's own script): where the
    # server sent more bytes for a path than the browser saw, count the server's figure.
    seen: set[str] = set()
    for path, sizes, rtype in raw:
        body = int(sizes.get("responseBodySize", 0))
        if path not in seen:
            body = max(body, sent.get(path, 0))
            seen.add(path)
        headers = int(sizes.get("responseHeadersSize", 0)) + int(sizes.get("requestHeadersSize", 0))
        cat = category(path)
        out.requests.append({"path": path, "category": cat, "body": body, "headers": headers,
                             "type": rtype})
        c = out.by_category.setdefault(cat, {"requests": 0, "bytes": 0})
        c["requests"] += 1
        c["bytes"] += body + headers
        out.total_bytes += body + headers
        if cat in SEARCH_CATEGORIES:
            out.search_bytes += body + headers
    out.server_bytes = sum(sent.values())
    out.server_search_bytes = sum(n for p, n in sent.items() if category(p) in SEARCH_CATEGORIES)
    return out
