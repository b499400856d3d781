"""Precision and recall of 再次交办 detection on the labelled pairs.

    python3 bench/recurrence.py [--threshold 0.42] [--sweep] [--show]

The pairs (tests/areas/fixtures/recurrence_pairs.json) are paraphrases written in the genre:
same=true when the second directive repeats the first one's demand, false when it is a
different demand about the same subject (often with shared words: 用地/用电, 用工/融资).
set=tuning pairs were used to choose the stock-word list and threshold; set=holdout pairs were
written afterwards and never tuned on, so their numbers are the honest estimate.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "areas" / "fixtures" / "recurrence_pairs.json"


def load_pairs() -> list[dict]:
    return json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]


def measure(scored: list[tuple[float, bool]], threshold: float) -> dict:
    tp = sum(1 for score, same in scored if score >= threshold and same)
    fp = sum(1 for score, same in scored if score >= threshold and not same)
    fn = sum(1 for score, same in scored if score < threshold and same)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"threshold": threshold, "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall}


def main(argv=None) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    import django

    django.setup()
    from duban.areas import recurrence

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=recurrence.threshold())
    parser.add_argument("--sweep", action="store_true", help="print precision/recall for a range of thresholds")
    parser.add_argument("--show", action="store_true", help="print every pair with its score")
    args = parser.parse_args(argv)

    pairs = load_pairs()
    scored = [(recurrence.similarity(p["a"], p["b"]), p["same"]) for p in pairs]
    if args.show:
        for (score, same), p in sorted(zip(scored, pairs, strict=True), key=lambda x: x[0][0]):
            print(f"{score:.2f} {'same' if same else 'diff'}  {p['a']} | {p['b']}")
    if args.sweep:
        for step in range(20, 70, 4):
            m = measure(scored, step / 100)
            print(f"threshold {m['threshold']:.2f}: precision {m['precision']:.3f} recall {m['recall']:.3f}")
    for name in ("tuning", "holdout", None):
        subset = [pair for pair, p in zip(scored, pairs, strict=True) if name is None or p.get("set") == name]
        m = measure(subset, args.threshold)
        print(f"{name or 'all':8} pairs {len(subset):3} (same {sum(s for _, s in subset)}, "
              f"different {sum(not s for _, s in subset)}) threshold {m['threshold']:.2f}: "
              f"precision {m['precision']:.3f} recall {m['recall']:.3f} (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
