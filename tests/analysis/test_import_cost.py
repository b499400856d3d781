"""Importing the analyser is cheap: jieba's and jionlp's lexicons load on first use, so the
CLI and the web app start fast and a worker that never analyses never pays for them."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_analyser_and_the_reader_loads_no_third_party_module():
    code = ("import sys; before = set(sys.modules); import duban.analysis, duban.reader; "
            "print(sorted({m.split('.')[0] for m in set(sys.modules) - before} - set(sys.stdlib_module_names)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "['duban']"
