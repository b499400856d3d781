"""A 催办 click against a real `duban serve` (the demo ledger) whose unit robot answers in 3 s:
how long the click takes (with the redirect to the item page), and when the robot hears of it.

    PYTHONPATH=. python3 bench/notice_click.py [CHECKOUT]   # CHECKOUT: another tree to compare

Notices used to be sent inside the request (the click took the robot's 3 s); now the worker
inside `duban serve` sends them (docs/ops.md, Notifications).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW = 3.0  # seconds the robot takes to answer
CLICKS = 3
heard: list[float] = []


class Robot(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(SLOW)
        heard.append(time.monotonic())
        body = b'{"errcode":0,"errmsg":"ok"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SETUP = """
from duban.ledger.models import Item
from duban.notify.models import Target
item = Item.objects.filter(status__in=["assigned", "signed", "in_progress"], lead_unit__isnull=False).first()
Target.objects.create(unit=item.lead_unit, channel="wecom", address="ROBOT")
print("ITEM", item.pk)
"""


class Browser:
    """An officer's session: cookies and the CSRF token, as a browser keeps them."""

    def __init__(self, base: str):
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str):
        return self.opener.open(self.base + path)

    def post(self, path: str, data: dict):
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        return self.opener.open(urllib.request.Request(self.base + path, body, headers={"Referer": self.base + path}))


def main(code: str) -> None:
    robot = ThreadingHTTPServer(("127.0.0.1", free_port()), Robot)
    threading.Thread(target=robot.serve_forever, daemon=True).start()
    env = {**os.environ, "DUBAN_HOME": tempfile.mkdtemp(), "PYTHONPATH": code, "LANG": "C.UTF-8"}
    env.pop("DATABASE_URL", None)

    def duban(*args):
        return subprocess.run([sys.executable, "-m", "duban", *args], env=env, cwd=code, capture_output=True,
                              text=True, check=True).stdout

    duban("demo", "--no-serve", "--password", "demo-pass-1")
    setup = SETUP.replace("ROBOT", f"http://127.0.0.1:{robot.server_port}/hook")
    item = int(re.search(r"ITEM (\d+)", duban("manage", "shell", "-c", setup)).group(1))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "duban", "serve", "--port", str(port), "--no-migrate"],
                              env=env, cwd=code, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        for _ in range(150):
            try:
                browser.get("/login/")
                break
            except OSError:
                time.sleep(0.2)
        browser.post("/login/", {"username": "duchashi", "password": "demo-pass-1"})
        browser.get(f"/items/{item}/")
        for n in range(CLICKS):
            started = time.monotonic()
            browser.post(f"/items/{item}/urge/", {"note": f"请报送 {n}"})
            answered = time.monotonic() - started
            while len(heard) <= n and time.monotonic() - started < 30:
                time.sleep(0.05)
            robot_at = f"{heard[n] - started:.1f} s" if len(heard) > n else "never"
            print(f"click answered in {answered:.3f} s; the robot ({SLOW:.0f} s to answer) heard it {robot_at} "
                  "after the click")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())
