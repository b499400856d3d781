#!/usr/bin/env python3
"""Score ``duban analyze`` per group of reports, and time it on one core.

    python3 bench/analysis.py                       # dev, the fixtures (and their local-* reports alone), a local set if present
    python3 bench/analysis.py --corpus DIR          # one folder only
    python3 bench/analysis.py --local DIR           # a folder of local reports as a third group
    python3 bench/analysis.py --show-misses --no-timing

Groups: ``../shared/corpus/dev``, ``tests/analysis/fixtures`` (hand-written, named
``<stem>.expected.json``), the same fixtures' invented local-government reports
(``local-*``) on their own, the held-out local reports (``local-holdout-*``: written
after the rules, never used to tune them, in no other group) on their own, and real local reports (``--local DIR``, else
``../shared/corpus/local`` when it exists). Each prints directive P/R/F1 (with the
naive baseline: every clause containing 要), speaker/subject/topic, stops, event,
entities, the reports with gold directives that yield fewer than half of them, and
directives output on pages whose gold is ``"directives": []``.

Timing (dev pages): read, analyse and read+analyse per CPU second; read+analyse against
trafilatura.extract on the same HTML in the same process, as the median ratio of
interleaved rounds, with pass/fail against the 5x target (``bench/speed.py``); and
analysis time of 20k and 80k pasted lines (linear time: a ratio of 4).

Without ``../shared`` (no scorer, no dev corpus) the scores are skipped and the timing
runs on the committed fixtures (the speed ratio on them wrapped in a page template).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speed import FIXTURE_LABEL, fixture_pages, report  # noqa: E402  (bench/speed.py, beside this file)

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


HELD_OUT = "local-holdout-"  # fixtures kept out of rule tuning: scored as their own group only


def gold_view(corpus: Path, into: Path, prefix: str = "") -> Path:
    """The corpus as the scorer wants it (``<stem>.gold.json``). The project's own fixtures
    name their expected output ``<stem>.expected.json`` (they are not corpus gold), so they
    are linked under the scorer's names in a temporary folder (only the stems starting
    with ``prefix``, for a sub-group such as the local reports ``local-*``). The held-out
    fixtures (``local-holdout-*``) are in no group but their own."""
    expected = [path for path in sorted(corpus.glob(f"{prefix}*.expected.json"))
                if prefix.startswith(HELD_OUT) or not path.name.startswith(HELD_OUT)]
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


def load_scorer(path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("duban_bench_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(gold_dir: Path, pred_dir: Path, scorer: Path, show_misses: bool = False) -> tuple[dict, str]:
    cmd = [sys.executable, str(scorer), "--gold", str(gold_dir), "--pred", str(pred_dir)]
    table = subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True).stdout
    misses = ""
    if show_misses:
        out = subprocess.run(cmd + ["--show-misses"], capture_output=True, text=True, check=True).stdout
        misses = "\n".join(line for line in out.splitlines() if ":" in line and "=" not in line)
    return json.loads(table), misses


def thin_reports(gold_dir: Path, pred_dir: Path, scorer) -> tuple[list[str], int]:
    """Reports with gold directives where fewer than half are found (the scorer's
    matching: character-bigram Jaccard >= 0.5), and the directives output on pages
    whose gold is ``"directives": []``."""
    thin, on_negatives = [], 0
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "directives" not in gold:
            continue
        pred_path = pred_dir / (gold_path.name[: -len(".gold.json")] + ".json")
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        golds = [d["text"] for d in gold["directives"]]
        preds = [d["text"] for d in pred.get("directives") or []]
        if not golds:
            on_negatives += len(preds)
            continue
        found = len(scorer.match(preds, golds, scorer.jaccard, 0.5))
        if found * 2 < len(golds):
            thin.append(f"{gold_path.name[: -len('.gold.json')]} ({found}/{len(golds)})")
    return thin, on_negatives


def _f(rep: dict, key: str, field: str = "f1") -> str:
    value = rep.get(key, {}).get(field)
    return "-" if value is None else f"{value:.3f}"


def summary(name: str, ours: dict, naive: dict, thin: list[str], on_negatives: int) -> str:
    d = ours.get("directives", {})
    lines = [
        f"== {name} ({ours.get('files', 0)} files) ==",
        f"directives P / R / F1   {_f(ours, 'directives', 'precision')} / {_f(ours, 'directives', 'recall')} / "
        f"{_f(ours, 'directives')}   (pred {d.get('pred', 0)}, gold {d.get('gold', 0)}); "
        f"naive 要 baseline F1 {_f(naive, 'directives')}",
        f"speaker / subject / topic / level   {_f(ours, 'directives.speaker', 'accuracy')} / "
        f"{_f(ours, 'directives.subject', 'accuracy')} / {_f(ours, 'directives.topic', 'accuracy')} / "
        f"{_f(ours, 'directives.level', 'accuracy')}",
        f"stops F1 {_f(ours, 'stops')}   event date {_f(ours, 'event.date', 'accuracy')}   "
        f"leaders F1 {_f(ours, 'event.leaders')}",
        f"entities F1 person / place / org   {_f(ours, 'entities.person')} / {_f(ours, 'entities.place')} / "
        f"{_f(ours, 'entities.org')}",
        f"reports yielding fewer than half of their gold directives: {len(thin)}"
        + (f"  [{', '.join(thin)}]" if thin else ""),
        f"directives output on pages whose gold is []: {on_negatives}",
    ]
    return "\n".join(lines)


def run_group(name: str, corpus: Path, scorer_path: Path, show_misses: bool, notes: set, prefix: str = "") -> list:
    """Analyse and score one folder; returns its (gold, page) items for timing."""
    scorer = load_scorer(scorer_path)
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = gold_view(corpus, Path(tmp, "gold"), prefix)
        items = inputs(gold_dir)
        ours, base = Path(tmp, "duban"), Path(tmp, "naive")
        ours.mkdir()
        base.mkdir()
        for gold, page in items:
            stem = gold.name[: -len(".gold.json")]
            article = read_article(gold, page)
            result = analyze(article).to_dict()
            (ours / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
            (base / f"{stem}.json").write_text(json.dumps(naive(article), ensure_ascii=False), encoding="utf-8")
        rep, misses = score(gold_dir, ours, scorer_path, show_misses)
        naive_rep, _ = score(gold_dir, base, scorer_path)
        thin, on_negatives = thin_reports(gold_dir, ours, scorer)
        print(summary(name, rep, naive_rep, thin, on_negatives))
        if misses:
            print(misses)
        print()
        # resolve the links of the temporary view: the timing runs after it is gone
        return [(gold.resolve(), page.resolve() if page else None) for gold, page in items]


def pasted_lines(n: int) -> list[str]:
    """n lines pasted from the fixture reports (a long paste into the web form)."""
    lines = []
    for path in sorted(FIXTURES.glob("*.txt")):
        lines += [x for x in path.read_text(encoding="utf-8").splitlines()[3:] if x.strip()]
    return [lines[i % len(lines)] for i in range(n)]


def time_linear(sizes=(20_000, 80_000)) -> None:
    seconds = []
    for n in sizes:
        article = Article(title="粘贴的材料", body=pasted_lines(n))
        cpu = time.process_time()
        analyze(article)
        seconds.append(time.process_time() - cpu)
        print(f"analyse {n:>6} pasted lines: {seconds[-1]:6.2f} CPU s")
    print(f"ratio {sizes[-1] // sizes[0]}x input: {seconds[-1] / seconds[0]:.2f}x time (linear is {sizes[-1] // sizes[0]})")


FIXTURES = ROOT / "tests" / "analysis" / "fixtures"
LOCAL = ROOT.parent / "shared" / "corpus" / "local"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="score this folder only")
    ap.add_argument("--local", type=Path, help=f"a folder of local reports (default: {LOCAL} when it exists)")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="shared/eval/score.py (default: beside the worktree)")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes over the corpus (default 3)")
    ap.add_argument("--no-timing", action="store_true", help="scores only")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds of the speed ratio (default 5)")
    a = ap.parse_args(argv)
    scoring = a.scorer.is_file()
    if not scoring:
        print(f"no scorer at {a.scorer} (use --scorer): scores skipped, timing only\n")
    if a.corpus:
        groups = [(a.corpus.name, a.corpus, "")]
    else:
        local = a.local or (LOCAL if LOCAL.is_dir() else None)
        groups = [("dev", ROOT.parent / "shared" / "corpus" / "dev", ""), ("fixtures", FIXTURES, ""),
                  # the invented local-government reports among the fixtures, on their own
                  ("fixtures: local-* (invented county/district/township reports)", FIXTURES, "local-"),
                  # written after the rules and never used to tune them: unseen local text
                  ("fixtures: local-holdout-* (held out: never used to tune the rules)", FIXTURES, HELD_OUT)]
        groups += [("local", local, "")] if local else []
    notes: set[str] = set()
    timed = []
    for name, folder, prefix in groups:
        if not folder.is_dir():
            if a.corpus:
                print(f"no corpus at {folder}", file=sys.stderr)
                return 2
            print(f"no corpus at {folder}: {name} skipped\n")
            continue
        items = run_group(name, folder, a.scorer, a.show_misses, notes, prefix) if scoring else unscored(folder, prefix)
        timed = timed or items
    if not a.no_timing:
        time_pages(timed, a.repeat, a.rounds)
        time_linear()
    for note in sorted(notes):
        print(f"note: {note}")
    return 0


def unscored(folder: Path, prefix: str = "") -> list:
    """A group's (gold, page) items for timing, when there is no scorer to score it."""
    with tempfile.TemporaryDirectory() as tmp:
        return [(gold.resolve(), page.resolve() if page else None)
                for gold, page in inputs(gold_view(folder, Path(tmp, "gold"), prefix))]


def time_pages(items, repeat: int, rounds: int) -> None:
    """Read, analyse and both, on one core (this process), resources warm. CPU seconds
    (process_time) are what one core spends, whatever else the machine runs."""
    articles, read_cpu, read_wall = [], 0.0, 0.0
    analyze(read_article(*items[0]))  # lexicons loaded outside the clock (when no scoring ran first)
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        articles = [read_article(gold, page) for gold, page in items]
        read_cpu += time.process_time() - cpu
        read_wall += time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for article in articles:
            analyze(article)
    analyse_cpu, analyse_wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(articles) * repeat
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{'':14} {'per CPU second':>15} {'per wall second':>16}   ({n} articles, one process)")
    for label, c, w in (("read", read_cpu, read_wall), ("analyse", analyse_cpu, analyse_wall),
                        ("read+analyse", read_cpu + analyse_cpu, read_wall + analyse_wall)):
        print(f"{label:14} {n / c:15.1f} {n / w:16.1f}")
    print(f"[load average {load:.1f} on {os.cpu_count()} cores]")
    html = [page.read_bytes() for _, page in items if page and page.suffix in (".html", ".htm")]
    if html:
        report(html, f"the HTML pages of {items[0][0].parent}", rounds)
    else:
        report(fixture_pages(), FIXTURE_LABEL, rounds, judged=False)


if __name__ == "__main__":
    sys.exit(main())
