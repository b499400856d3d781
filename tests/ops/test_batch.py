"""duban batch: outputs, resumption, per-file errors and exit code, on a generated corpus.

The Dask workers run as threads in these tests so the stand-in reader/analyser below
(monkeypatched onto ``duban``) reach them; test_batch_real.py runs real processes.
"""

import argparse
import functools
import json
from pathlib import Path

import dask
import pytest

import duban
from duban import batch
from duban.analysis.schema import Analysis, Directive
from duban.errors import EmptyInput
from duban.reader.article import Article

GOOD = {
    "a.html": "<p>调研组要求：要抓紧推进项目建设。</p>",
    "sub/b.htm": "<p>要加强安全生产。</p><p>要守住底线。</p>",
    "sub/deeper/c.txt": "要办好民生实事",
    "a.txt": "要压实责任",  # same stem as a.html: outputs must not collide
}
EMPTY = {"empty.html": ""}
BROKEN = {"sub/broken.html": "BUG"}


class FakePipeline:
    """A tiny reader+analyser: one directive per paragraph containing 要."""

    def __init__(self):
        self.read_calls = []

    def read(self, data, *, url=None):
        text = data.decode("utf-8")
        self.read_calls.append(text)
        if not text.strip():
            raise EmptyInput("空白输入")
        if text == "BUG":
            raise RuntimeError("boom")
        body = [p for p in text.replace("<p>", "").split("</p>") if p]
        return Article(title="t", body=body)

    def analyze(self, article):
        return Analysis(article=article, directives=[Directive(text=p) for p in article.body if "要" in p])


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "notes.gold.json").write_text("{}")  # not a page: ignored
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.html").write_text("<p>要</p>")  # hidden folders are skipped
    return root


@pytest.fixture
def pipeline(monkeypatch):
    fake = FakePipeline()
    monkeypatch.setattr(duban, "read", fake.read)
    monkeypatch.setattr(duban, "analyze", fake.analyze)
    # Threads instead of processes, so the workers see the monkeypatched pipeline.
    monkeypatch.setattr(batch, "make_client", functools.partial(batch.make_client, processes=False))
    return fake


def run_cli(corpus: Path, out: Path, *extra: str) -> int:
    parser = argparse.ArgumentParser()
    batch.add_arguments(parser)
    return batch.run(parser.parse_args([str(corpus), "--out", str(out), "--workers", "2", "--no-progress", *extra]))


def test_batch_writes_one_result_per_page_and_collects_errors(tmp_path, pipeline, capsys):
    corpus = write_corpus(tmp_path / "corpus", {**GOOD, **EMPTY, **BROKEN})
    out = tmp_path / "out"

    assert run_cli(corpus, out) == 1  # failures make the exit code non-zero

    for name, text in GOOD.items():
        result = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert result["file"] == name
        assert [d["text"] for d in result["directives"]] == [p for p in text.replace("<p>", "").split("</p>") if p]
    assert not (out / ".hidden").exists() and not list(out.rglob("*.tmp"))

    errors = {e["file"]: e for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert set(errors) == {"empty.html", "sub/broken.html"}
    assert errors["empty.html"]["kind"] == "input" and errors["empty.html"]["error"] == "EmptyInput"
    assert errors["sub/broken.html"]["kind"] == "bug" and "RuntimeError: boom" in errors["sub/broken.html"]["traceback"]

    summary = json.loads((out / "summary.json").read_text())
    assert (summary["total"], summary["done"], summary["failed"], summary["skipped"]) == (6, 4, 2, 0)
    assert (summary["input_errors"], summary["bugs"]) == (1, 1)
    assert "失败 2" in capsys.readouterr().out


def test_second_run_skips_finished_pages_and_retries_failures(tmp_path, pipeline):
    corpus = write_corpus(tmp_path / "corpus", {**GOOD, **BROKEN})
    out = tmp_path / "out"
    assert run_cli(corpus, out) == 1
    finished = {p: p.stat().st_mtime_ns for p in out.rglob("*.html.json")}
    pipeline.read_calls.clear()

    (corpus / "sub/broken.html").write_text("<p>要修好了</p>", encoding="utf-8")
    assert run_cli(corpus, out) == 0

    assert pipeline.read_calls == ["<p>要修好了</p>"]  # only the page without a result is read again
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html.json") if p.name != "broken.html.json"} == finished
    assert (out / "errors.jsonl").read_text() == ""
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["skipped"], summary["done"], summary["failed"]) == (4, 1, 0)


def test_existing_cluster_by_address(tmp_path, pipeline):
    from distributed import LocalCluster

    corpus = write_corpus(tmp_path / "corpus", GOOD)
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        assert run_cli(corpus, tmp_path / "out", "--scheduler", cluster.scheduler_address) == 0
    assert len(list((tmp_path / "out").rglob("*.json"))) == len(GOOD) + 1  # + summary.json


def test_unreachable_scheduler_is_a_one_line_error(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus", GOOD)
    parser = argparse.ArgumentParser()
    batch.add_arguments(parser)
    args = parser.parse_args([str(corpus), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert batch.run(args) == 2
    assert "无法连接" in capsys.readouterr().err


def test_missing_corpus_is_refused(tmp_path, capsys):
    assert run_cli(tmp_path / "nope", tmp_path / "out") == 2
    assert "找不到语料目录" in capsys.readouterr().err


def test_interrupted_write_leaves_neither_result_nor_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "r" / "a.html.json"

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(batch.os, "replace", crash)
    with pytest.raises(OSError):
        batch.write_atomically(target, "{}")
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_real_reader_and_analyser_in_threads(tmp_path, monkeypatch, seed_bytes):
    """The real pipeline end to end (test_batch_real.py repeats this with worker processes, slow)."""
    monkeypatch.setattr(batch, "make_client", functools.partial(batch.make_client, processes=False))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "zhaoling.txt").write_bytes(seed_bytes)
    (corpus / "blank.html").write_bytes(b"   ")
    out = tmp_path / "out"
    assert run_cli(corpus, out) == 1
    result = json.loads((out / "zhaoling.txt.json").read_text(encoding="utf-8"))
    assert result["directives"] and result["event"]["leaders"]
    [error] = map(json.loads, (out / "errors.jsonl").read_text().splitlines())
    assert (error["file"], error["kind"]) == ("blank.html", "input")
