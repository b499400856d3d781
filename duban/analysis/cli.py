"""``duban analyze INPUT... [--out DIR]``: read each input and print (or write) its analysis.

INPUT is what ``duban read`` takes: a file path, ``-`` for stdin, or an http(s) URL.
A bad input prints one line on stderr and the batch goes on; the exit status is 1
when any input failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from duban.errors import InputError
from duban.reader.cli import read_input, stem  # the same inputs as `duban read`


def add_arguments(parser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="文件路径、- (标准输入) 或 http(s) 网址")
    parser.add_argument("--out", metavar="DIR", type=Path, help="每个输入写成 DIR/<名称>.json")
    parser.add_argument("--allow-private", action="store_true", help="允许访问内网、本机地址")
    parser.add_argument("--timeout", type=float, default=15.0, help="网址读取超时秒数 (默认 15)")


def run(args) -> int:
    from duban.analysis import analyze

    failures = 0
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for item in _progress(args.inputs):
        label = "stdin" if item == "-" else item
        try:
            article = read_input(item, allow_private=args.allow_private, timeout=args.timeout)
            analysis = analyze(article)
        except InputError as exc:
            failures += 1
            print(f"duban analyze: {label}: {exc}", file=sys.stderr)
            continue
        text = json.dumps(analysis.to_dict(), ensure_ascii=False, indent=1)
        if args.out:
            name = _unique(stem(item), used)
            (args.out / f"{name}.json").write_text(text, encoding="utf-8")
        else:
            print(text)
    return 1 if failures else 0


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name}-{n}", n + 1
    used.add(candidate)
    return candidate


def _progress(items):
    if len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="篇", file=sys.stderr, disable=None)  # disable=None: only on a terminal
