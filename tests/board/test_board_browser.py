"""The public board in Chromium (screenshots under tests/artifacts/ for a reviewer)."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.board.test_board import COMMITMENT, PRIVATE, full_item  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def test_board_and_embed_render_in_chromium(browser, live_server, full_item):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1100, "height": 700})
    try:
        page.goto(f"{live_server.url}/public/")
        assert page.locator("h1").inner_text() == "重点工作推进情况公开"
        row = page.locator("table.board tbody tr").first
        assert COMMITMENT in row.inner_text() and "天桥街道" in row.inner_text()
        text = page.locator("body").inner_text()
        assert [word for word in PRIVATE if word in text] == []
        page.screenshot(path=str(ARTIFACTS / "board.png"), full_page=True)
        # The portal's page, framing the snippet as the board page tells it to.
        snippet = page.locator("pre code").text_content()  # inside the closed <details>
        portal = f"<!doctype html><meta charset=utf-8><h1>门户网站</h1>{snippet}"
        with portal_site(portal) as origin:  # another origin, on loopback as Chromium wants
            page.goto(origin)
            frame = page.frame_locator("iframe")
            assert COMMITMENT in frame.locator("table.board").inner_text()
            page.screenshot(path=str(ARTIFACTS / "board-embedded.png"), full_page=True)
    finally:
        page.close()


@contextmanager
def portal_site(html: str):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()

