"""``duban analyze``: JSON on stdout, --out files, bad inputs reported and skipped."""

import json
from pathlib import Path

from duban.cli import main

SEED = Path(__file__).resolve().parents[2] / "duban" / "data" / "zhaoling-2023-10-20.txt"


def test_prints_the_full_schema_as_json(capsys):
    assert main(["analyze", str(SEED)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"article", "event", "stops", "directives", "entities"}
    assert data["event"]["date"] == "2023-10-20"[:8] + "18"
    assert data["entities"]["place_codes"]["召陵区"] == "411104"


def test_out_writes_one_file_per_input_and_a_bad_input_does_not_stop_the_batch(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    code = main(["analyze", str(missing), str(SEED), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err
    written = json.loads((tmp_path / "out" / "zhaoling-2023-10-20.json").read_text(encoding="utf-8"))
    assert written["directives"] and written["stops"]
