"""A local HTTP receiver standing in for robots, webhooks and the SMS provider."""

import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


class Receiver:
    """Records every request; answers ``reply`` (JSON) after ``delay`` seconds (a slow robot);
    ``down()`` closes the port, ``up()`` opens it again on the same port (a robot's server
    restarting)."""

    def __init__(self):
        self.requests = []
        self.reply = {"errcode": 0, "errmsg": "ok"}
        self.delay = 0.0
        self.port = free_port()
        self.server = None
        self.up()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hook"

    def up(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                path, _, query = self.path.partition("?")
                time.sleep(receiver.delay)
                receiver.requests.append({"method": self.command, "path": path, "raw": raw,
                                          "query": dict(urllib.parse.parse_qsl(query)),
                                          "headers": dict(self.headers),
                                          "json": json.loads(raw) if raw else None})
                body = json.dumps(receiver.reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET = _answer

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.down()
