"""``duban batch``: read and analyse a whole folder of pages on Dask.

Each page becomes ``OUT/<relative path>.json`` (the analyser's JSON, article included),
written through a temporary file and a rename so an interrupted run never leaves a
half-written result. A second run skips pages whose result exists, so a run killed after
hours resumes where it stopped. Failures are collected per file in ``OUT/errors.jsonl``
(``kind`` is ``input`` for the documented :class:`duban.errors.InputError`, ``bug`` for
anything else, with its traceback) and counted in ``OUT/summary.json``.

Without ``--scheduler`` a local cluster of worker processes runs on this machine; with
``--scheduler tcp://host:8786`` the pages go to an existing Dask cluster, whose workers
must have duban installed and see the same file paths.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

from duban.language import _

PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".txt", ".docx", ".pdf", ".ofd")
ERRORS_NAME = "errors.jsonl"
SUMMARY_NAME = "summary.json"


def add_arguments(parser) -> None:
    parser.add_argument("corpus", type=Path, help="语料目录（递归读取 .html/.htm/.shtml/.txt/.docx/.pdf/.ofd）")
    parser.add_argument("--out", type=Path, required=True, help="结果目录：每页一个 JSON，另有 errors.jsonl 与 summary.json")
    parser.add_argument("--scheduler", help="已有 Dask 集群的调度器地址，如 tcp://10.0.0.5:8786（默认在本机启动）")
    parser.add_argument("--workers", type=int, default=None,
                        help="本机集群的工作进程数（默认 CPU 核数，最多 8）")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")


@dataclass
class Outcome:
    """What happened to one page; travels back from the worker, so it stays small."""

    file: str
    ok: bool
    seconds: float
    directives: int = 0
    kind: str = ""  # "input" (documented InputError) or "bug" (anything else)
    error: str = ""
    message: str = ""
    traceback: str = ""


@dataclass
class Summary:
    total: int
    skipped: int
    done: int
    failed: int
    input_errors: int
    bugs: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return (self.done + self.failed) / self.seconds if self.seconds > 0 else 0.0


def find_pages(corpus: Path) -> list[Path]:
    """Every page file under ``corpus``, in a stable order (hidden folders skipped)."""
    pages = []
    for path in corpus.rglob("*"):
        relative = path.relative_to(corpus)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in PAGE_SUFFIXES:
            pages.append(path)
    return sorted(pages)


def output_path(page: Path, corpus: Path, out: Path) -> Path:
    # Keep the whole file name: "a.html" and "a.txt" side by side must not collide.
    return out / (str(page.relative_to(corpus)) + ".json")


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename: readers see all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def process_page(page: str, target: str, name: str) -> Outcome:
    """Read + analyse one page and store its JSON. Runs on a Dask worker; never raises."""
    import duban
    from duban.errors import InputError

    started = time.perf_counter()
    try:
        from duban.reader.documents import check_name

        data = Path(page).read_bytes()
        check_name(page, data)
        article = duban.read(data)
        analysis = duban.analyze(article)
        result = {"file": name, **analysis.to_dict()}
        write_atomically(Path(target), json.dumps(result, ensure_ascii=False, indent=1))
        return Outcome(name, True, time.perf_counter() - started, directives=len(analysis.directives))
    except InputError as exc:
        return Outcome(name, False, time.perf_counter() - started, kind="input",
                       error=type(exc).__name__, message=str(exc))
    except Exception as exc:  # a bug in duban: keep going, report it with its traceback
        return Outcome(name, False, time.perf_counter() - started, kind="bug", error=type(exc).__name__,
                       message=str(exc), traceback=traceback.format_exc())


def _lost_worker(name: str, exc: BaseException) -> Outcome:
    """A page whose worker died (crash, out of memory) is a failure of that page, not of the run."""
    return Outcome(name, False, 0.0, kind="bug", error=type(exc).__name__, message=str(exc) or "worker lost")


def run_batch(corpus: Path, out: Path, client, *, progress: bool = True) -> Summary:
    """Process every unfinished page of ``corpus`` on the Dask ``client``; write errors and summary."""
    from distributed import as_completed
    from tqdm import tqdm

    started = time.perf_counter()
    pages = find_pages(corpus)
    todo = [p for p in pages if not output_path(p, corpus, out).exists()]
    out.mkdir(parents=True, exist_ok=True)
    names = {}
    futures = []
    for page in todo:
        name = str(page.relative_to(corpus))
        future = client.submit(process_page, str(page.resolve()), str(output_path(page, corpus, out).resolve()),
                               name, key=f"duban-page-{name}-{time.time_ns()}", retries=0)
        names[future.key] = name
        futures.append(future)

    outcomes: list[Outcome] = []
    bar = tqdm(total=len(pages), initial=len(pages) - len(todo), unit=_("页"), desc="batch",
               disable=not progress, file=sys.stderr, dynamic_ncols=True)
    with bar:
        for future in as_completed(futures):
            try:
                outcomes.append(future.result())
            except Exception as exc:
                outcomes.append(_lost_worker(names[future.key], exc))
            future.release()
            bar.update(1)

    failures = sorted((o for o in outcomes if not o.ok), key=lambda o: o.file)
    write_atomically(out / ERRORS_NAME, "".join(
        json.dumps({k: v for k, v in asdict(o).items() if k not in ("ok", "directives")}, ensure_ascii=False) + "\n"
        for o in failures))
    summary = Summary(
        total=len(pages), skipped=len(pages) - len(todo), done=sum(o.ok for o in outcomes),
        failed=len(failures), input_errors=sum(o.kind == "input" for o in failures),
        bugs=sum(o.kind == "bug" for o in failures), seconds=round(time.perf_counter() - started, 3),
    )
    write_atomically(out / SUMMARY_NAME, json.dumps(
        {**asdict(summary), "pages_per_second": round(summary.pages_per_second, 2)}, ensure_ascii=False, indent=1))
    return summary


def default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def make_client(scheduler: str | None, workers: int | None, *, processes: bool = True):
    """A client on an existing scheduler, or on a fresh local cluster (one thread per worker).

    One thread per process: the reader and analyser are pure Python, so threads would only
    share one GIL.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)  # connect timeout: distributed.comm.timeouts.connect
    cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=processes,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster)


def close_client(client) -> None:
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


def run(args) -> int:
    corpus = args.corpus
    if not corpus.is_dir():
        print("duban batch: " + _("找不到语料目录 {corpus}").format(corpus=corpus), file=sys.stderr)
        return 2
    if args.workers is not None and args.workers < 1:
        print("duban batch: " + _("--workers 至少为 1"), file=sys.stderr)
        return 2
    try:
        client = make_client(args.scheduler, args.workers)
    except (OSError, TimeoutError) as exc:
        print("duban batch: " + _("无法连接 Dask 调度器 {scheduler}：{error}").format(scheduler=args.scheduler, error=exc),
              file=sys.stderr)
        return 2
    try:
        summary = run_batch(corpus, args.out, client, progress=not args.no_progress)
    finally:
        close_client(client)
    print(_("共 {total} 页：本次完成 {done}，跳过已有结果 {skipped}，失败 {failed}（输入错误 {input_errors}，"
            "程序错误 {bugs}）；{rate:.1f} 页/秒，用时 {seconds:.1f} 秒。").format(
        total=summary.total, done=summary.done, skipped=summary.skipped, failed=summary.failed,
        input_errors=summary.input_errors, bugs=summary.bugs, rate=summary.pages_per_second, seconds=summary.seconds))
    if summary.failed:
        print(_("失败明细：{path}").format(path=args.out / ERRORS_NAME), file=sys.stderr)
    return 1 if summary.failed else 0
