#!/usr/bin/env python3
"""Score ``duban analyze`` on the dev corpus and time read+analyse on one core.

    python3 bench/analysis.py [--corpus ../shared/corpus/dev] [--show-misses]
    python3 bench/analysis.py --corpus tests/analysis/fixtures   # the hand-written fixture set

Prints the scorer's table (shared/eval/score.py), the same table for a naive
baseline (every clause containing 要 is a directive), and articles per second for
read + analyse, single process. HTML inputs go through duban.read; where the reader
is not available yet, the gold file's "article" section stands in (and this is said).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duban  # noqa: E402
from duban.analysis import analyze  # noqa: E402
from duban.analysis.text import split_body  # noqa: E402
from duban.reader.article import Article  # noqa: E402


def inputs(corpus: Path) -> list[tuple[Path, Path | None]]:
    golds = sorted(corpus.glob("*.gold.json"))
    out = []
    for gold in golds:
        stem = gold.name[: -len(".gold.json")]
        page = next((p for p in corpus.glob(stem + ".*") if not p.name.endswith(".gold.json")), None)
        out.append((gold, page))
    return out


def gold_view(corpus: Path, into: Path) -> Path:
    """The corpus as the scorer wants it (``<stem>.gold.json``). The project's own fixtures
    name their expected output ``<stem>.expected.json`` (they are not corpus gold), so they
    are linked under the scorer's names in a temporary folder."""
    expected = sorted(corpus.glob("*.expected.json"))
    if not expected or any(corpus.glob("*.gold.json")):
        return corpus
    into.mkdir()
    for path in expected:
        stem = path.name[: -len(".expected.json")]
        (into / f"{stem}.gold.json").symlink_to(path.resolve())
        for page in corpus.glob(stem + ".*"):
            if page != path:
                (into / page.name).symlink_to(page.resolve())
    return into


def read_article(gold: Path, page: Path | None) -> Article:
    if page is not None:
        return duban.read(page.read_bytes())
    data = json.loads(gold.read_text(encoding="utf-8"))
    return Article.from_dict(data.get("article") or {})


def naive(article: Article) -> dict:
    """Every clause group containing 要 is a directive."""
    return {"directives": [{"text": s.text} for s in split_body(article.body) if "要" in s.text]}


SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def score(gold_dir: Path, pred_dir: Path, show_misses: bool, scorer: Path = SCORER) -> str:
    cmd = [sys.executable, str(scorer), "--gold", str(gold_dir), "--pred", str(pred_dir)]
    if show_misses:
        cmd.append("--show-misses")
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="shared/eval/score.py (default: beside the worktree)")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes over the corpus (default 3)")
    a = ap.parse_args(argv)
    if not a.corpus.is_dir():
        print(f"no corpus at {a.corpus} (use --corpus)", file=sys.stderr)
        return 2
    if not a.scorer.is_file():
        print(f"no scorer at {a.scorer} (use --scorer)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        a.corpus = gold_view(a.corpus, Path(tmp, "gold"))
        items = inputs(a.corpus)
        ours, base = Path(tmp, "duban"), Path(tmp, "naive")
        ours.mkdir()
        base.mkdir()
        for gold, page in items:
            stem = gold.name[: -len(".gold.json")]
            article = read_article(gold, page)
            result = analyze(article).to_dict()
            (ours / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
            (base / f"{stem}.json").write_text(json.dumps(naive(article), ensure_ascii=False), encoding="utf-8")
        print("== duban analyze ==")
        print(score(a.corpus, ours, a.show_misses, a.scorer))
        print("== naive baseline (every clause with 要) ==")
        table = score(a.corpus, base, False, a.scorer)
        print("\n".join(line for line in table.splitlines() if re.match(r"directives ", line)))
    # Timing on one core (this process), resources warm. CPU seconds (process_time) are
    # what one core spends, whatever else the machine runs; wall seconds are shown too.
    raw = [(gold, page) for gold, page in items]
    articles, read_cpu, read_wall = [], 0.0, 0.0
    for _ in range(a.repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        articles = [read_article(gold, page) for gold, page in raw]
        read_cpu += time.process_time() - cpu
        read_wall += time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(a.repeat):
        for article in articles:
            analyze(article)
    analyse_cpu, analyse_wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(articles) * a.repeat
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{'':14} {'per CPU second':>15} {'per wall second':>16}   ({n} articles, one process)")
    for label, c, w in (("read", read_cpu, read_wall), ("analyse", analyse_cpu, analyse_wall),
                        ("read+analyse", read_cpu + analyse_cpu, read_wall + analyse_wall)):
        print(f"{label:14} {n / c:15.1f} {n / w:16.1f}")
    print(f"target: read+analyse >= 100 articles/s on one core  [load average {load:.1f} on {os.cpu_count()} cores]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
