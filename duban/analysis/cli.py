"""``duban analyze INPUT... [--out DIR]``: read each input and print (or write) its analysis.

INPUT is what ``duban read`` takes: a file path, ``-`` for stdin, or an http(s) URL.
A bad input prints one line on stderr and the batch goes on; the exit status is 1
when any input failed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from duban.errors import InputError


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


def read_input(item: str, *, allow_private: bool = False, timeout: float = 15.0):
    """One INPUT as an Article, through the reader's own input handling."""
    try:
        from duban.reader.cli import read_input as reader_input
    except ImportError:  # the reader's CLI is not there yet: files and stdin only
        return _read_plain(item)
    return reader_input(item, allow_private=allow_private, timeout=timeout)


def _read_plain(item: str):
    import duban

    if re.match(r"(?i)^[a-z][\w+.-]*://", item):
        raise InputError("网址读取需要 duban read (URL input needs the reader)")
    try:
        data = sys.stdin.buffer.read() if item == "-" else Path(item).read_bytes()
    except FileNotFoundError as exc:
        raise InputError("文件不存在 (no such file)") from exc
    except OSError as exc:
        raise InputError(f"无法读取文件 ({exc.strerror or exc})") from exc
    return duban.read(data)


def stem(item: str) -> str:
    try:
        from duban.reader.cli import stem as reader_stem
    except ImportError:
        if item == "-":
            return "stdin"
        return re.sub(r"\.(?:html?|shtml|txt)$", "", Path(item).name, flags=re.I) or "page"
    return reader_stem(item)


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
