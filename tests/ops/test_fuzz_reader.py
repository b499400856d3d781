"""Fuzzing duban.read and duban.analyze: the only exception that may escape is InputError.

A short run is in the default suite; ``-m slow`` runs a long one. bench/fuzz.py drives
atheris for ≥100k inputs.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings

import duban
from duban.errors import InputError
from tests.ops.fuzz_inputs import any_bytes, any_input, any_text, html_ish

SHORT = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_and_analyze(data):
    """Run the pipeline like `duban import` does; return the analysis or None for an InputError."""
    try:
        article = duban.read(data)
        analysis = duban.analyze(article)
    except InputError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip(), "input errors are one-line messages"
        return None
    check_analysis(analysis)
    return analysis


def check_analysis(analysis):
    """What the ledger relies on: JSON-storable output, and offsets that point into the body."""
    json.dumps(analysis.to_dict(), ensure_ascii=False)
    body = analysis.article.body
    assert all(isinstance(paragraph, str) for paragraph in body)
    for directive in analysis.directives:
        assert directive.text.strip()
        if directive.para is not None:
            assert 0 <= directive.para < len(body)
            if directive.start is not None and directive.end is not None:
                assert 0 <= directive.start <= directive.end <= len(body[directive.para])


@SHORT
@given(any_bytes)
def test_bytes(data):
    read_and_analyze(data)


@SHORT
@given(any_text)
def test_text(data):
    read_and_analyze(data)


@SHORT
@given(html_ish)
def test_html_ish(data):
    read_and_analyze(data.encode("utf-8"))


@SHORT
@given(any_text)
def test_analyze_takes_pasted_text(data):
    try:
        check_analysis(duban.analyze(data))
    except InputError:
        pass


def test_seed_report_survives_the_same_checks(seed_text):
    analysis = read_and_analyze(seed_text)
    assert analysis is not None and analysis.directives  # the fuzz checks are not vacuous


@pytest.mark.slow
@LONG
@given(any_input)
def test_long_run(data):
    read_and_analyze(data)
