"""duban batch end to end: the real reader and analyser in Dask worker processes."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
SEED = ROOT / "duban" / "data" / "zhaoling-2023-10-20.txt"


def test_cli_on_real_pages_in_worker_processes(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "2023").mkdir(parents=True)
    shutil.copy(SEED, corpus / "2023" / "zhaoling.txt")
    html = "<html><head><title>{t}</title></head><body><h1>{t}</h1>{body}</body></html>"
    paragraphs = "".join(f"<p>{line}</p>" for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    (corpus / "zhaoling.html").write_text(html.format(t="召陵区调研", body=paragraphs), encoding="utf-8")
    (corpus / "blank.html").write_bytes(b"")
    (corpus / "binary.htm").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"

    command = [sys.executable, "-m", "duban", "batch", str(corpus), "--out", str(out), "--workers", "2",
               "--no-progress"]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)

    assert first.returncode == 1, first.stderr  # the two unreadable files
    result = json.loads((out / "2023" / "zhaoling.txt.json").read_text(encoding="utf-8"))
    assert result["file"] == "2023/zhaoling.txt" and result["directives"] and result["article"]["body"]
    assert json.loads((out / "zhaoling.html.json").read_text(encoding="utf-8"))["directives"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(e["file"] for e in errors) == ["binary.htm", "blank.html"]
    assert all(e["kind"] == "input" for e in errors), errors  # documented refusals, not bugs

    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert second.returncode == 1
    assert json.loads((out / "summary.json").read_text())["skipped"] == 2
