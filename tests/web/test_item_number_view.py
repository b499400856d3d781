"""The 督办编号 on the item page, the ledger (shown and searchable), its Excel export and the API."""

import io

import pytest
from openpyxl import load_workbook

from duban.reports.excel import HEADERS

pytestmark = pytest.mark.django_db


def test_number_on_the_pages_and_the_search(client_for, people, assigned):
    assert assigned.number
    client = client_for(people["liaison"])
    assert assigned.number in client.get(f"/items/{assigned.pk}/").content.decode()
    assert assigned.number in client.get("/ledger/").content.decode()
    found = client.get("/ledger/", {"q": assigned.number}).content.decode()
    assert "共 1 项" in found


def test_number_in_the_excel_export(client_for, people, assigned):
    response = client_for(people["officer"]).get("/ledger/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == tuple(HEADERS) and HEADERS[-3:] == ["督办编号", "优先级", "评价"]
    assert dict(zip(HEADERS, rows[2], strict=True))["督办编号"] == assigned.number


def test_number_in_the_api(client_for, people, assigned):
    client = client_for(people["officer"])
    assert client.get(f"/api/items/{assigned.pk}").json()["number"] == assigned.number
    assert client.get("/api/items").json()["items"][0]["number"] == assigned.number
