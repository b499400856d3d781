"""``duban analyze INPUT... [--out DIR]``: read each input and print (or write) its analysis.

INPUT is what ``duban read`` takes: a file path, ``-`` for stdin, or an http(s) URL.
A bad input prints one line on stderr and the batch goes on; the exit status is 1
when any input failed.
"""

from __future__ import annotations

import json
import sys

from duban.errors import InputError

# The same inputs, names and progress bar as `duban read`.
from duban.reader.cli import add_input_arguments, label, progress, read_input, stem, unique_stem


def add_arguments(parser) -> None:
    add_input_arguments(parser)


def run(args) -> int:
    from duban.analysis import analyze

    failures = 0
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for item in progress(args.inputs, unit="篇"):
        try:
            article = read_input(item, allow_private=args.allow_private, timeout=args.timeout)
            analysis = analyze(article)
        except InputError as exc:
            failures += 1
            print(f"duban analyze: {label(item)}: {exc}", file=sys.stderr)
            continue
        text = json.dumps(analysis.to_dict(), ensure_ascii=False, indent=1)
        if args.out:
            name = unique_stem(stem(item), used)
            (args.out / f"{name}.json").write_text(text, encoding="utf-8")
        else:
            print(text)
    return 1 if failures else 0

