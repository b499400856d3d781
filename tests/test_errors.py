"""Sizes in messages are in MB, and a limit is worded the same wherever it is hit."""

import pytest

from duban.errors import TooLarge, megabytes


@pytest.mark.parametrize(("size", "text"), [
    (20 * 2**20, "20 MB"), (10 * 2**20 + 1, "10 MB"), (int(1.5 * 2**20), "1.5 MB"), (50_000, "0.048 MB"),
])
def test_megabytes(size, text):
    assert megabytes(size) == text


def test_one_wording_with_and_without_the_measured_size():
    assert str(TooLarge.over("页面", 10 * 2**20, 12_345_678)) == "页面过大（11.8 MB，上限 10 MB）"
    assert str(TooLarge.over("页面", 10 * 2**20)) == "页面过大（上限 10 MB）"
