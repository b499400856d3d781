"""Pages per second of ``duban batch`` with 1 and 2 local workers, and the ratio.

    python3 bench/batch.py [--corpus ../shared/corpus/dev] [--copies 10]

Copies the corpus pages ``--copies`` times into a temporary folder (the corpus itself is
never modified or committed), runs the batch on a fresh local cluster of 1 worker process,
then of 2, and prints pages/s for each plus the 2-vs-1 ratio (ideal: 2.0 on 2 free cores).
Cluster start-up is reported separately and not counted in pages/s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from duban import batch  # noqa: E402


def make_corpus(source: Path, target: Path, copies: int) -> int:
    pages = batch.find_pages(source)
    if not pages:
        raise SystemExit(f"no pages under {source}")
    for n in range(copies):
        folder = target / f"copy{n:03d}"
        folder.mkdir(parents=True)
        for page in pages:
            shutil.copy(page, folder / page.name)
    return len(pages) * copies


def measure(corpus: Path, out: Path, workers: int) -> dict:
    started = time.perf_counter()
    client = batch.make_client(None, workers)
    startup = time.perf_counter() - started
    try:
        summary = batch.run_batch(corpus, out, client, progress=sys.stderr.isatty())
    finally:
        batch.close_client(client)
    return {"workers": workers, "startup_s": startup, "summary": summary}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="duban-batch-bench-") as tmp:
        tmp = Path(tmp)
        pages = make_corpus(args.corpus, tmp / "corpus", args.copies)
        print(f"corpus: {pages} pages ({args.copies} copies of {args.corpus})")
        results = [measure(tmp / "corpus", tmp / f"out{w}", w) for w in (1, 2)]
    for r in results:
        s = r["summary"]
        print(f"workers={r['workers']}: {s.pages_per_second:7.1f} pages/s  ({s.done} ok, {s.failed} failed, "
              f"{s.seconds:.1f} s, cluster start {r['startup_s']:.1f} s)")
    one, two = (r["summary"].pages_per_second for r in results)
    print(f"ratio 2 workers / 1 worker: {two / one:.2f}" if one else "ratio: n/a (no pages processed)")
    return 1 if any(r["summary"].failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
