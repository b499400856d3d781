"""``duban read INPUT... [--out DIR] [--json] [--text] [--allow-private]``.

INPUT is a file path (a web page, text, Word .docx, PDF or OFD), ``-`` for stdin, or
an http(s) URL. Each input is read on its
own: a bad one prints one line on stderr and the batch goes on; the exit status is
1 when any input failed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from duban.errors import InputError, PrivateAddress, TooLarge
from duban.language import _
from duban.reader import MAX_BYTES, read
from duban.reader.article import Article


def add_input_arguments(parser) -> None:
    """INPUT..., --out, --allow-private, --timeout: the inputs every reading command takes."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="文件路径、- (标准输入) 或 http(s) 网址")
    parser.add_argument("--out", metavar="DIR", type=Path, help="每个输入写成 DIR/<名称>.json")
    parser.add_argument("--allow-private", action="store_true", help="允许访问内网、本机地址")
    parser.add_argument("--timeout", type=float, default=15.0, help="网址读取超时秒数 (默认 15)")


def add_arguments(parser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="输出 JSON {\"article\": {...}} (默认)")
    parser.add_argument("--text", action="store_true", help="输出便于阅读的纯文本而不是 JSON")


def run(args) -> int:
    failures = 0
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    used_stems: set[str] = set()
    for item in progress(args.inputs, enabled=bool(args.out)):
        try:
            article = read_input(item, allow_private=args.allow_private, timeout=args.timeout)
        except InputError as exc:
            failures += 1
            hint = _("；确需读取内网网页时加 --allow-private") if isinstance(exc, PrivateAddress) else ""
            print(f"duban read: {label(item)}: {exc}{hint}", file=sys.stderr)
            continue
        if args.out:
            path = args.out / f"{unique_stem(stem(item), used_stems)}.json"
            path.write_text(_json(article), encoding="utf-8")
        elif args.text and not args.json:
            print(_as_text(article))
        else:
            print(_json(article))
    return 1 if failures else 0


def read_input(item: str, *, allow_private: bool = False, timeout: float = 15.0) -> Article:
    """Read one INPUT (path, '-' or URL) into an Article; bad input raises InputError."""
    if re.match(r"(?i)^https?://", item):
        from duban.reader.multipage import read_url

        return read_url(item, allow_private=allow_private, timeout=timeout, max_bytes=MAX_BYTES)
    if re.match(r"^[A-Za-z][\w+.-]*://", item):
        raise InputError(_("只支持 http/https 网址"))
    if item == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        return read(data)
    path = Path(item)
    try:
        if path.is_dir():
            raise InputError(_("是目录，不是文件"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TooLarge.over("文件", MAX_BYTES, size)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(_("文件不存在")) from exc
    except OSError as exc:
        raise InputError(_("无法读取文件（{error}）").format(error=exc.strerror or exc)) from exc
    from duban.reader.documents import check_name

    check_name(path.name, data)
    return read(data)


def stem(item: str) -> str:
    """Output file name for an input: the file stem, the URL's last path part, or 'stdin'."""
    if item == "-":
        return "stdin"
    if re.match(r"(?i)^https?://", item):
        parts = urlsplit(item)
        last = [p for p in parts.path.split("/") if p]
        name = last[-1].rsplit(".", 1)[0] if last else parts.hostname or "page"
    else:
        name = Path(item).name
        for suffix in (".html", ".htm", ".shtml", ".txt", ".docx", ".pdf", ".ofd"):
            if name.lower().endswith(suffix):
                name = name[: -len(suffix)]
                break
    return re.sub(r"[^\w.\-]+", "_", name).strip("._") or "page"


def unique_stem(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name}-{n}", n + 1
    used.add(candidate)
    return candidate


def _json(article: Article) -> str:
    return json.dumps({"article": article.to_dict()}, ensure_ascii=False, indent=2)


def _as_text(article: Article) -> str:
    fields = [("日期", article.published), ("来源", article.source), ("责编", article.editor),
              ("审核", article.reviewer), ("点击", article.clicks)]
    meta_line = "  ".join(f"{_(k)}: {v}" for k, v in fields if v is not None)
    return "\n\n".join(filter(None, [article.title, meta_line, *article.body])) + "\n"


def label(item: str) -> str:
    return "stdin" if item == "-" else item


def progress(items, *, enabled: bool = True, unit: str = "页"):
    """A progress bar on stderr for a batch, shown only on a terminal (tqdm's disable=None)."""
    if not enabled or len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, unit=_(unit), file=sys.stderr, disable=None)
