"""The papers and the 办结报告 over the API."""

from duban.ledger.models import Item

S = Item.Status


def test_submit_files_a_closing_report_the_api_returns(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    liaison, officer = clients["liaison_a"], clients["officer"]
    response = liaison.post(f"/api/items/{item.pk}/submit", {"completion": "已完成", "measures": "专班推进",
                                                             "version": item.version})
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    reports = officer.get(f"/api/items/{item.pk}/closing-reports").json()
    assert [(r["completion"], r["measures"], r["problems"], r["author"]) for r in reports] == [
        ("已完成", "专班推进", "", "liaison_a")]
    assert reports[0]["unit"]["name"] == "天桥街道" and reports[0]["evidence"] == []
    docx = officer.get(f"/api/items/{item.pk}/closing-report.docx")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")


def test_a_refused_submit_is_403_whatever_the_body(clients, make_item):
    item = make_item(status=S.IN_PROGRESS)
    assert clients["officer"].post(f"/api/items/{item.pk}/submit", {}).status_code == 403
    assert clients["liaison_a"].post(f"/api/items/{item.pk}/submit", {"completion": " "}).status_code == 400
