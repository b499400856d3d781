import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.ledger import closing, workflow
from duban.ledger.models import Evidence, Extension, Item, Journal

pytestmark = pytest.mark.django_db


def test_item_page_shows_context_journal_and_allowed_actions(client_for, people, assigned):
    response = client_for(people["liaison"]).get(reverse("item", args=[assigned.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert [t["name"] for t in response.context["actions"]] == ["sign", "decline"]  # 签收, or 非本单位职责
    assert reverse("item-action", args=[assigned.pk, "sign"]) in page
    assert "交办" in page  # the journal line of the assignment


def test_other_units_liaison_gets_404_and_nothing_changes(client_for, people, assigned):
    client = client_for(people["stranger"])
    assert client.get(reverse("item", args=[assigned.pk])).status_code == 404
    before = Journal.objects.count()
    response = client.post(reverse("item-action", args=[assigned.pk, "sign"]), {"version": assigned.version})
    assert response.status_code == 404
    assigned.refresh_from_db()
    assert assigned.status == Item.Status.ASSIGNED and Journal.objects.count() == before


def test_liaison_may_not_close_403(client_for, people, assigned):
    client = client_for(people["liaison"])
    client.post(reverse("item-action", args=[assigned.pk, "sign"]))
    client.post(reverse("item-action", args=[assigned.pk, "submit"]), {"completion": "已完成"})
    response = client.post(reverse("item-action", args=[assigned.pk, "close"]))
    assert response.status_code == 403
    assigned.refresh_from_db()
    assert assigned.status == Item.Status.SUBMITTED


def test_stale_version_answers_409_with_a_message(client_for, people, assigned):
    client = client_for(people["liaison"])
    stale = assigned.version
    workflow.edit(assigned, people["officer"], text="改过的内容")
    response = client.post(reverse("item-action", args=[assigned.pk, "sign"]), {"version": stale})
    assert response.status_code == 409 and "刷新" in response.content.decode()
    assigned.refresh_from_db()
    assert assigned.status == Item.Status.ASSIGNED


def test_reason_required_for_return(client_for, people, assigned):
    liaison, officer = client_for(people["liaison"]), None
    liaison.post(reverse("item-action", args=[assigned.pk, "sign"]))
    liaison.post(reverse("item-action", args=[assigned.pk, "submit"]), {"completion": "已完成"})
    officer = client_for(people["officer"])
    response = officer.post(reverse("item-action", args=[assigned.pk, "return"]), {"reason": ""})
    assert response.status_code == 400
    response = officer.post(reverse("item-action", args=[assigned.pk, "return"]), {"reason": "佐证不足"})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == Item.Status.IN_PROGRESS


def test_progress_with_evidence_and_checked_download(client_for, people, assigned):
    client = client_for(people["liaison"])
    client.post(reverse("item-action", args=[assigned.pk, "sign"]))
    upload = SimpleUploadedFile("进展.txt", "已完成第一阶段".encode(), content_type="text/plain")
    response = client.post(reverse("item-progress", args=[assigned.pk]),
                           {"text": "已完成第一阶段", "percent": 50, "files": [upload]})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == Item.Status.IN_PROGRESS
    evidence = Evidence.objects.get()
    download = client.get(reverse("evidence", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == "已完成第一阶段".encode()
    assert client_for(people["stranger"]).get(reverse("evidence", args=[evidence.pk])).status_code == 404


def test_refused_evidence_type_keeps_nothing(client_for, people, assigned):
    client = client_for(people["liaison"])
    client.post(reverse("item-action", args=[assigned.pk, "sign"]))
    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(reverse("item-progress", args=[assigned.pk]), {"text": "进展", "files": [upload]})
    assert response.status_code == 400
    assert not Evidence.objects.exists() and not assigned.progress.exists()


def test_extension_request_and_decision(client_for, people, assigned):
    new = assigned.deadline + dt.timedelta(days=10)
    response = client_for(people["liaison"]).post(reverse("item-extension", args=[assigned.pk]),
                                                  {"new_deadline": new.isoformat(), "reason": "征地手续未完成"})
    assert response.status_code == 302
    extension = Extension.objects.get()
    officer = client_for(people["officer"])
    officer.post(reverse("extension-decide", args=[extension.pk]), {"approve": "1", "reason": "同意"})
    assigned.refresh_from_db()
    assert assigned.deadline == new


def test_officer_edits_with_journal(client_for, people, assigned):
    client = client_for(people["officer"])
    response = client.post(reverse("item-edit", args=[assigned.pk]), {
        "text": "改写后的事项", "topic": "民生服务", "lead_unit": assigned.lead_unit_id,
        "deadline": assigned.deadline.isoformat(), "version": assigned.version, "reason": "措辞"})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.text == "改写后的事项"
    assert Journal.objects.filter(item=assigned, action="edit", field="text", reason="措辞").exists()
    assert client_for(people["liaison"]).post(reverse("item-edit", args=[assigned.pk]), {
        "text": "联络员不能改", "topic": "民生服务"}).status_code == 403


def test_officer_edits_the_priority_on_the_item_page(client_for, people, assigned):
    client = client_for(people["officer"])
    page = client.get(reverse("item", args=[assigned.pk])).content.decode()
    assert '<select name="priority" id="edit_priority">' in page
    assert '<option value="normal" selected>' in page
    form = {"text": assigned.text, "topic": "民生服务", "lead_unit": assigned.lead_unit_id,
            "deadline": assigned.deadline.isoformat(), "version": assigned.version, "priority": "urgent"}
    assert client.post(reverse("item-edit", args=[assigned.pk]), form).status_code == 302
    assigned.refresh_from_db()
    assert assigned.priority == Item.Priority.URGENT
    assert Journal.objects.filter(item=assigned, action="edit", field="priority", new="urgent").exists()
    assert 'class="badge priority-urgent">紧急' in client.get(reverse("item", args=[assigned.pk])).content.decode()
    form.update(version=assigned.version, priority="highest")
    assert client.post(reverse("item-edit", args=[assigned.pk]), form).status_code == 400
    del form["priority"]  # a form without the field leaves the priority as it is
    assert client.post(reverse("item-edit", args=[assigned.pk]), form).status_code == 302
    assigned.refresh_from_db()
    assert assigned.priority == Item.Priority.URGENT


def test_close_out_on_the_item_page(client_for, people, assigned):
    """申请销号 is the 办结报告 form (完成情况 required); the office reads the report where it
    decides 销号, and 销号 without evidence asks a reason."""
    liaison = client_for(people["liaison"])
    liaison.post(reverse("item-action", args=[assigned.pk, "sign"]))
    page = liaison.get(reverse("item", args=[assigned.pk])).content.decode()
    assert 'id="closing-report-form"' in page and 'name="completion"' in page and 'name="problems"' in page
    response = liaison.post(reverse("item-action", args=[assigned.pk, "submit"]), {"completion": " "})
    assert response.status_code == 400 and 'id="closing-report-form"' in response.content.decode()
    assigned.refresh_from_db()
    assert assigned.status == Item.Status.SIGNED

    assert liaison.post(reverse("item-action", args=[assigned.pk, "submit"]), {
        "completion": "社区服务中心已投入运营", "measures": "专班推进", "problems": "经费待保障",
        "version": assigned.version}).status_code == 302
    officer = client_for(people["officer"])
    page = officer.get(reverse("item", args=[assigned.pk])).content.decode()
    report = page.index('id="closing-report"')
    assert "社区服务中心已投入运营" in page[report:] and "经费待保障" in page[report:]
    assert 'id="print-closing-report"' in page and 'id="print-assignment"' in page
    assert 'id="reason-close"' in page and "没有佐证材料" in page
    assert officer.post(reverse("item-action", args=[assigned.pk, "close"]), {"reason": ""}).status_code == 400
    officer.post(reverse("item-action", args=[assigned.pk, "close"]), {"reason": "电话核实", "rating": "good"})
    assigned.refresh_from_db()
    assert assigned.status == Item.Status.CLOSED
    assert Journal.objects.filter(item=assigned, new=Item.Status.CLOSED, reason="电话核实").exists()


def test_extension_and_return_are_marked_in_lists_and_on_the_item(client_for, people, assigned):
    """An approved extension shows 原时限 → 新时限 and 已延期; a returned item shows 被退回 and
    the office's reason to the liaison, in the ledger, on the unit page and on the item."""
    from duban.ledger import services

    old = assigned.deadline
    new = old + dt.timedelta(days=30)
    extension = services.request_extension(assigned, people["liaison"], new_deadline=new, reason="雨季停工")
    services.decide_extension(extension, people["officer"], approve=True)
    workflow.apply(assigned, "sign", people["liaison"])
    closing.submit(assigned, people["liaison"], completion="已完成")
    workflow.apply(assigned, "return", people["officer"], reason="佐证材料不全，请补充现场照片")
    liaison = client_for(people["liaison"])
    for url in (reverse("ledger"), reverse("unit", args=[people["liaison"].unit_id]),
                reverse("item", args=[assigned.pk])):
        page = liaison.get(url).content.decode()
        assert f"{old:%Y-%m-%d}</s> → " in page and f"{new:%Y-%m-%d}" in page and "已延期" in page, url
        assert "被退回" in page and "佐证材料不全" in page, url
    # Once sent again, it is no longer 被退回.
    closing.submit(assigned, people["liaison"], completion="已补充照片")
    assert "被退回" not in liaison.get(reverse("ledger")).content.decode()


def test_close_out_rule_in_english(client_for, people, assigned, settings):
    liaison = client_for(people["liaison"])
    liaison.post(reverse("item-action", args=[assigned.pk, "sign"]))
    liaison.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = liaison.get(reverse("item", args=[assigned.pk])).content.decode()
    assert "Closing report" in page and "What was done" in page
