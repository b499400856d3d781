"""``duban read``: JSON out, --out files, batch errors reported and skipped, no tracebacks."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from duban.cli import main
from tests.reader.pages import PARAGRAPHS, TITLE, gov_page

ROOT = Path(__file__).resolve().parents[2]


def test_prints_article_json(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_bytes(gov_page().encode("utf-8"))
    assert main(["read", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"article"}
    assert data["article"]["title"] == TITLE
    assert data["article"]["body"] == PARAGRAPHS
    assert data["article"]["site"]["code"] == "4111040002"


def test_out_dir_one_file_per_input(tmp_path, seed_bytes):
    (tmp_path / "a.html").write_bytes(gov_page().encode("gbk", errors="xmlcharrefreplace"))
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    out = tmp_path / "out"
    assert main(["read", str(tmp_path / "a.html"), str(tmp_path / "seed.txt"), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "seed.json"]
    seed = json.loads((out / "seed.json").read_text(encoding="utf-8"))["article"]
    assert seed["published"] == "2023-10-20"


def test_stdin(monkeypatch, capsys, seed_bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_bytes)))
    assert main(["read", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["source"] == "漯河日报"


def test_bad_inputs_reported_and_batch_continues(tmp_path, capsys):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4)
    not_page = tmp_path / "menu.html"
    not_page.write_text("<html><body><ul><li><a href='/'>首页</a></li></ul></body></html>", encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(gov_page(), encoding="utf-8")
    out = tmp_path / "out"
    inputs = [str(empty), str(binary), str(not_page), str(tmp_path / "missing.html"), "ftp://example.com/x", str(good)]
    assert main(["read", *inputs, "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 5
    assert all(line.startswith("duban read: ") for line in err)
    assert "Traceback" not in "\n".join(err)
    assert [p.name for p in out.iterdir()] == ["good.json"]


def test_too_large_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("duban.reader.cli.MAX_BYTES", 1000)
    big = tmp_path / "big.html"
    big.write_text(gov_page(), encoding="utf-8")
    assert main(["read", str(big)]) == 1
    assert "上限" in capsys.readouterr().err


def test_private_url_refused_without_flag(capsys):
    assert main(["read", "http://127.0.0.1:9/page.html"]) == 1
    assert "加 --allow-private" in capsys.readouterr().err  # the switch this command has


def test_text_output(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(gov_page(), encoding="utf-8")
    assert main(["read", "--text", str(page)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(TITLE) and PARAGRAPHS[-1] in out


@pytest.mark.parametrize("args", [["read", "/nonexistent/x.html"], ["read", "-"]])
def test_real_process_never_prints_traceback(args):
    done = subprocess.run([sys.executable, "-m", "duban", *args], input=b"", capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert len(done.stderr.decode().strip().splitlines()) == 1


def test_url_input_from_local_server(tmp_path, capsys):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = gov_page().encode("gbk", errors="xmlcharrefreplace")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/xw/2023-11/05/content_1.html"
    try:
        assert main(["read", "--allow-private", url, "--out", str(tmp_path)]) == 0
    finally:
        server.shutdown()
        server.server_close()
    article = json.loads((tmp_path / "content_1.json").read_text(encoding="utf-8"))["article"]
    assert article["url"] == url
    assert article["body"] == PARAGRAPHS
