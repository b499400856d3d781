"""Fuzz duban.read + duban.analyze with atheris (coverage-guided), ≥100k inputs.

    python3 bench/fuzz.py [--runs 100000] [--max-len 4096] [--seeds ../shared/corpus/dev]

Every input goes through the reader (as bytes, or as text decoded from them) and then the
analyser; ``duban.errors.InputError`` is the documented refusal, anything else is a crash.
Crashes are collected (first input of each distinct exception site saved under
bench/out/fuzz-crashes/) rather than stopping the run, and summarised at the end with the
input rate. Without atheris (it builds only on x86-64 Linux) the same harness runs on
hypothesis with the same number of examples; the output says which engine ran.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CRASH_DIR = ROOT / "bench" / "out" / "fuzz-crashes"


class Harness:
    """Counts inputs and keeps one example per distinct crash site."""

    def __init__(self):
        import duban
        from duban.errors import InputError

        self.duban, self.input_error = duban, InputError
        self.inputs = self.refused = 0
        self.crashes: dict[str, tuple[str, bytes | str]] = {}
        self.started = time.perf_counter()

    def __call__(self, data: bytes | str) -> None:
        self.inputs += 1
        try:
            self.duban.analyze(self.duban.read(data))
        except self.input_error:
            self.refused += 1
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            site = f"{type(exc).__name__} at {frame.filename}:{frame.lineno}"
            if site not in self.crashes:
                self.crashes[site] = (f"{type(exc).__name__}: {exc}", data)
                print(f"\nCRASH {site}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)

    def report(self, engine: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"engine: {engine}")
        print(f"inputs: {self.inputs} in {elapsed:.1f} s = {self.inputs / elapsed:.0f} inputs/s "
              f"({self.refused} refused with InputError)")
        print(f"distinct crashes: {len(self.crashes)}")
        if self.crashes:
            CRASH_DIR.mkdir(parents=True, exist_ok=True)
        for site, (message, data) in self.crashes.items():
            raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
            path = CRASH_DIR / f"crash-{hashlib.sha1(site.encode()).hexdigest()[:12]}.bin"
            path.write_bytes(raw)
            print(f"  {site}\n    {message[:300]}\n    input: {path} ({len(raw)} bytes)")


def seed_folder(seeds: Path | None) -> Path:
    """A scratch corpus (libFuzzer writes into it): the bundled report plus any seed pages."""
    folder = Path(tempfile.mkdtemp(prefix="duban-fuzz-"))
    shutil.copy(ROOT / "duban" / "data" / "zhaoling-2023-10-20.txt", folder / "seed.txt")
    if seeds and seeds.is_dir():
        for page in sorted(seeds.glob("*.htm*"))[:40]:
            shutil.copy(page, folder / page.name)
    return folder


def run_atheris(runs: int, max_len: int, seeds: Path | None) -> None:
    """Fuzz until ``runs`` inputs, then report and end the process (libFuzzer never returns)."""
    import atheris

    with atheris.instrument_imports(include=["duban"]):
        import duban.analysis  # noqa: F401
        import duban.reader  # noqa: F401

        harness = Harness()
        # One run on the seed report imports the modules the pipeline loads lazily, instrumented.
        harness((ROOT / "duban" / "data" / "zhaoling-2023-10-20.txt").read_text(encoding="utf-8"))
    harness.inputs = harness.refused = 0
    harness.crashes.clear()
    harness.started = time.perf_counter()

    def one_input(data: bytes) -> None:
        if data[:1] == b"\x01":  # some inputs as text, like pasted reports
            harness(data[1:].decode("utf-8", errors="replace"))
        else:
            harness(data)
        if harness.inputs >= runs:
            # libFuzzer leaves with C exit(), skipping Python's atexit: stop (and report) here.
            harness.report("atheris (coverage-guided, libFuzzer)")
            sys.stdout.flush()
            os._exit(1 if harness.crashes else 0)

    corpus = seed_folder(seeds)
    atheris.Setup([sys.argv[0], f"-max_len={max_len}", str(corpus)], one_input)
    atheris.Fuzz()


def run_hypothesis(runs: int) -> int:
    from hypothesis import HealthCheck, given, settings

    from tests.ops.fuzz_inputs import any_input

    harness = Harness()

    @settings(max_examples=runs, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(any_input)
    def fuzz(data):
        harness(data)

    fuzz()
    harness.report("hypothesis")
    return 1 if harness.crashes else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--max-len", type=int, default=4096)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            print("atheris is not installed (pip install atheris): falling back to hypothesis", file=sys.stderr)
            engine = "hypothesis"
    if engine == "atheris":
        run_atheris(args.runs, args.max_len, args.seeds)  # does not return
    return run_hypothesis(args.runs)


if __name__ == "__main__":
    sys.exit(main())
