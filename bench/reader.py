#!/usr/bin/env python3
"""Benchmark duban's reader against trafilatura, readability-lxml and GNE on the dev corpus.

    python3 bench/reader.py [--corpus DIR] [--repeat N] [--keep DIR]

Every tool reads the same page bytes in the same process, pinned to one CPU core;
predictions go to a temporary folder per tool and are scored with
``../shared/eval/score.py``. HTML pages are compared across all tools; duban is also
scored on the whole corpus (pasted-text ``.txt`` inputs included), which the anchors
do not read. Speed is the best of ``--repeat`` passes, pages per second.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def article(title=None, published=None, body_text="", **extra) -> dict:
    body = [line.strip() for line in (body_text or "").splitlines() if line.strip()]
    return {"article": {"title": title, "published": published, "body": body, **extra}}


def run_duban(data: bytes) -> dict:
    import duban

    return {"article": duban.read(data).to_dict()}


def run_trafilatura(data: bytes) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    if doc is None:
        return article()
    return article(doc.title, doc.date, doc.text)


def run_readability(data: bytes) -> dict:
    from lxml import html
    from readability import Document

    doc = Document(data)
    summary = html.fromstring(doc.summary(html_partial=True))
    for el in summary.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr"):
        el.tail = "\n" + (el.tail or "")
    return article(doc.short_title(), None, summary.text_content())


def run_gne(data: bytes) -> dict:
    from gne import GeneralNewsExtractor

    from duban.reader.decode import decode

    result = GeneralNewsExtractor().extract(decode(data))
    published = (result.get("publish_time") or "")[:10] or None
    return article(result.get("title"), published, result.get("content"))


TOOLS = {"duban": run_duban, "trafilatura": run_trafilatura, "readability": run_readability, "gne": run_gne}
NO_DATES = {"readability"}  # readability-lxml extracts no publication date


def run_pass(tool: str, inputs: list[tuple[Path, bytes]]) -> tuple[float, dict]:
    func = TOOLS[tool]
    results = {}
    start = time.perf_counter()
    for path, data in inputs:
        try:
            results[path] = func(data)
        except Exception as exc:  # an anchor failing on a page scores as empty there
            results[path] = {"article": {"body": []}, "error": repr(exc)}
    return time.perf_counter() - start, results


def predict(tools: list[str], pages: list[Path], work: Path, repeat: int) -> dict[str, float]:
    """Write each tool's predictions under work/<tool>; return each tool's best pass in seconds.

    Passes are interleaved (duban, anchors, duban, anchors …) so that a busy machine
    slows every tool alike and the speed ratios stay fair.
    """
    inputs = [(p, p.read_bytes()) for p in pages]
    for tool in tools:
        TOOLS[tool](inputs[0][1])  # imports and warm-up outside the clock
    best = dict.fromkeys(tools, float("inf"))
    for _ in range(repeat):
        for tool in tools:
            seconds, results = run_pass(tool, inputs)
            best[tool] = min(best[tool], seconds)
    for tool in tools:
        out = work / tool
        out.mkdir(parents=True, exist_ok=True)
        for path, result in results_of(tool, inputs).items():
            (out / f"{path.stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return best


def results_of(tool: str, inputs: list[tuple[Path, bytes]]) -> dict:
    return run_pass(tool, inputs)[1]


def score(gold: Path, pred: Path, scorer: Path) -> dict:
    done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def load_scorer(scorer: Path):
    """The scorer module itself, for per-page F1 (the same char_f1 the totals use)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("duban_bench_score", scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_f1s(scorer, corpus: Path, work: Path, tool: str, pages: list[Path]) -> dict[str, float]:
    """Body F1 of each page that has a gold body."""
    out = {}
    for page in pages:
        gold_path = corpus / f"{page.stem}.gold.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8")).get("article", {})
        if "body" not in gold:
            continue
        pred = json.loads((work / tool / f"{page.stem}.json").read_text(encoding="utf-8")).get("article") or {}
        out[page.stem] = scorer.char_f1("\n".join(pred.get("body") or []), "\n".join(gold["body"]))
    return out


def group_of(stem: str) -> str:
    """Pages are grouped by where they come from: the prefix before "__" (others: "own")."""
    return stem.split("__", 1)[0] if "__" in stem else "own"


def report_pages(f1s: dict[str, dict[str, float]]) -> None:
    """duban's mean F1 per page group, its weak pages, and pages another tool reads but duban misses."""
    duban = f1s.get("duban", {})
    if not duban:
        return
    groups: dict[str, list[float]] = {}
    for stem, f1 in duban.items():
        groups.setdefault(group_of(stem), []).append(f1)
    print("\nduban body F1 by page group: " + ", ".join(
        f"{g} {sum(v) / len(v):.4f} ({len(v)})" for g, v in sorted(groups.items())))
    below_09 = sorted(s for s, f in duban.items() if f < 0.9)
    below_05 = [s for s in below_09 if duban[s] < 0.5]
    print(f"duban pages below 0.9: {len(below_09)}, below 0.5: {len(below_05)}"
          + "".join(f"\n  {s}: {duban[s]:.3f}" for s in below_09))
    missed = []
    for stem, f1 in sorted(duban.items()):
        others = {t: v[stem] for t, v in f1s.items() if t in ("trafilatura", "readability") and stem in v}
        if f1 < 0.8 and any(v >= 0.9 for v in others.values()):
            missed.append(f"  {stem}: duban {f1:.3f}, " + ", ".join(f"{t} {v:.3f}" for t, v in others.items()))
    print(f"pages where readability or trafilatura reach F1 >= 0.9 but duban is below 0.8: {len(missed)}"
          + "".join(f"\n{m}" for m in missed))


def gold_subset(corpus: Path, pages: list[Path], into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    for page in pages:
        gold = corpus / f"{page.stem}.gold.json"
        if gold.exists():
            shutil.copy(gold, into / gold.name)
    return into


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--scorer", type=Path, default=None, help="default: <corpus>/../../eval/score.py")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes per tool (best counts)")
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    a = ap.parse_args(argv)
    scorer = a.scorer or a.corpus.parent.parent / "eval" / "score.py"
    if not a.corpus.is_dir() or not scorer.exists():
        print(f"bench: corpus {a.corpus} or scorer {scorer} not found", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    warnings.filterwarnings("ignore")
    import logging

    logging.disable(logging.CRITICAL)
    html_pages = sorted(p for p in a.corpus.iterdir() if p.suffix in (".html", ".htm"))
    text_pages = sorted(p for p in a.corpus.iterdir() if p.suffix == ".txt")
    tools = [t for t in a.tools.split(",") if t in TOOLS]
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="duban-bench-"))
    html_gold = gold_subset(a.corpus, html_pages, work / "gold-html")

    seconds = predict(tools, html_pages, work, a.repeat)
    rows = {}
    for tool in tools:
        rows[tool] = (score(html_gold, work / tool, scorer), len(html_pages) / seconds[tool])

    print(f"\nHTML pages: {len(html_pages)} ({a.corpus}); one core; best of {a.repeat}")
    header = f"{'tool':12} {'body F1':>8} {'clean':>7} {'date':>9} {'pages/s':>9} {'duban x':>8}"
    print(header + "\n" + "-" * len(header))
    duban_speed = rows.get("duban", (None, None))[1]
    for tool, (report, speed) in rows.items():
        f1 = report.get("body_f1", {}).get("mean", 0.0)
        clean = report.get("body_clean", {}).get("accuracy", 0.0)
        dates = report.get("article.published", {})
        date = f"{dates.get('accuracy', 0.0):.0%} ({dates.get('n', 0)})" if dates.get("n") and tool not in NO_DATES else "n/a"
        ratio = f"{duban_speed / speed:.1f}x" if duban_speed and tool != "duban" else ""
        print(f"{tool:12} {f1:8.4f} {clean:7.0%} {date:>9} {speed:9.1f} {ratio:>8}")

    scorer_module = load_scorer(scorer)
    report_pages({tool: page_f1s(scorer_module, a.corpus, work, tool, html_pages) for tool in tools})

    if "duban" in tools and text_pages:
        predict(["duban"], text_pages, work, 1)
        report = score(a.corpus, work / "duban", scorer)
        dates = report.get("article.published", {})
        print(f"\nduban on all {report['files']} inputs (HTML + pasted text): body F1 {report['body_f1']['mean']:.4f}, "
              f"clean {report['body_clean']['accuracy']:.0%}, date {dates.get('accuracy', 0):.0%} ({dates.get('n', 0)}), "
              + ", ".join(f"{k.split('.')[1]} {v['accuracy']:.0%}" for k, v in report.items()
                          if k.startswith("article.") and k != "article.published"))
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
