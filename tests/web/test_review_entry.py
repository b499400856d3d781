"""Pages for directives the analyser missed, withdrawing, the spreadsheet, and a paged review."""

import io
import time

import openpyxl
import pytest
from django.urls import reverse

from duban.ledger.models import Item, Journal, Source
from duban.web.views.review import REVIEW_PAGE_SIZE, paragraph_window

pytestmark = pytest.mark.django_db
PAGE_MARK = 'class="proposal status-'


@pytest.fixture
def officer(client_for, people):
    return client_for(people["officer"])


def big_report(n_items: int, n_paras: int) -> Source:
    """A long report: ``n_paras`` paragraphs, one proposal in each of the first ``n_items``."""
    body = [f"第{i}段：要抓好第{i}项工作。" for i in range(n_paras)]
    source = Source.objects.create(title="长篇报道", origin=Source.Origin.TEXT, content_hash="big", raw=b"",
                                   article={"title": "长篇报道", "body": body})
    Item.objects.bulk_create(Item(source=source, directive_index=i, text=f"要抓好第{i}项工作", para=i,
                                  start=len(f"第{i}段："), end=len(body[i]) - 1) for i in range(n_items))
    return source


def test_the_article_window_covers_each_paragraph_once_across_pages():
    assert paragraph_window([3, 7], first_page=True, next_para=9, length=20) == range(0, 9)
    assert paragraph_window([9, 12], first_page=False, next_para=None, length=20) == range(9, 20)
    assert paragraph_window([], first_page=True, next_para=None, length=4) == range(0, 4)


def test_a_report_with_ten_thousand_proposals_is_reviewed_a_page_at_a_time(officer):
    source = big_report(10_000, 10_200)
    started = time.perf_counter()
    response = officer.get(reverse("review", args=[source.pk]))
    took = time.perf_counter() - started
    page = response.content.decode()
    assert page.count(PAGE_MARK) == REVIEW_PAGE_SIZE
    assert "第 1 / 200 页" in page and "待审核 10000 / 共 10000 项" in page
    assert page.count('<p data-para="') == REVIEW_PAGE_SIZE  # the article only as far as this page goes
    assert len(response.content) < 400_000 and took < 5
    last = officer.get(reverse("review", args=[source.pk]), {"page": 200}).content.decode()
    assert last.count(PAGE_MARK) == REVIEW_PAGE_SIZE and 'data-para="10199"' in last  # the tail of the article
    assert ">10000.</a>" in last  # cards are numbered across pages


def test_a_review_page_reads_the_units_once(officer, django_assert_max_num_queries):
    source = big_report(60, 60)
    with django_assert_max_num_queries(12):
        page = officer.get(reverse("review", args=[source.pk])).content.decode()
    assert page.count(PAGE_MARK) == REVIEW_PAGE_SIZE
    # No card lists every unit (a county has thousands): each unit box is a picker that asks
    # /units/search/ as the officer types.
    assert "天桥街道</option>" not in page
    item = source.items.get(directive_index=3)
    assert f'id="unit-{item.pk}-q"' in page and f'id="co-{item.pk}-q"' in page and f'name="i{item.pk}-lead_unit"' in page


def test_an_action_on_a_later_page_answers_with_that_page(officer):
    source = big_report(120, 120)
    item = source.items.get(directive_index=60)
    response = officer.post(reverse("review-act", args=[source.pk]),
                            {"action": "accept", "ids": [item.pk], "page": "2"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert f'id="p-{item.pk}"' in body and "第 2 / 3 页" in body and 'name="page" value="2"' in body
    assert Item.objects.get(pk=item.pk).status == Item.Status.ACCEPTED
    other = source.items.get(directive_index=61)  # without JavaScript: back to the same page
    response = officer.post(reverse("review-act", args=[source.pk]), {"action": "accept", "ids": [other.pk], "page": "2"})
    assert response["Location"] == reverse("review", args=[source.pk]) + f"?page=2#p-{other.pk}"


def test_a_refused_card_action_is_answered_on_that_card(officer, pipeline, seed_text):
    officer.post(reverse("import"), {"text": seed_text})
    source = Source.objects.get()
    item = source.items.order_by("directive_index").first()
    response = officer.post(reverse("review-act", args=[source.pk]),
                            {"action": "reject", "ids": [item.pk], "card": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and response["HX-Retarget"] == f"#msg-{item.pk}"
    page = officer.get(reverse("review", args=[source.pk])).content.decode()
    assert f'id="msg-{item.pk}"' in page


def test_after_edit_the_cards_unit_box_shows_the_lead_unit(officer, units, pipeline, seed_text):
    officer.post(reverse("import"), {"text": seed_text})
    source = Source.objects.get()
    item = source.items.exclude(suggested_unit=units["other"]).order_by("directive_index").first()
    item.lead_unit = units["other"]
    item.save()
    page = officer.get(reverse("review", args=[source.pk])).content.decode()
    assert f'name="lead_unit" id="unit-{item.pk}" value="{units["other"].pk}"' in page
    assert f'value="{units["other"].name}"' in page.split(f'id="unit-{item.pk}-q"')[1].split(">")[0]


def test_words_marked_in_the_article_become_a_proposal(officer):
    source = big_report(0, 3)
    page = officer.get(reverse("review", args=[source.pk])).content.decode()
    assert 'id="mark-form"' in page and "没有识别出指示要求" in page and reverse("import-manual") in page
    response = officer.post(reverse("review-act", args=[source.pk]),
                            {"action": "mark", "para": "1", "start": "4", "end": "12"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "已标记为指示要求" in response.content.decode()
    assert source.items.get().text == "要抓好第1项工作"
    officer.post(reverse("review-act", args=[source.pk]), {"action": "mark", "para": "0", "start": "4", "end": "12"})
    page = officer.get(reverse("review", args=[source.pk])).content.decode()
    assert page.index("要抓好第0项工作</mark>") < page.index("要抓好第1项工作</mark>")
    assert page.index(">1.</a> 要抓好第0项工作") < page.index(">2.</a> 要抓好第1项工作")  # cards in text order
    refused = officer.post(reverse("review-act", args=[source.pk]), {"action": "mark"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and "选中" in refused.content.decode()


def test_manual_entry_page_makes_proposals_from_a_pasted_paper(officer, client_for, people):
    text = "一、请天桥街道年底前完成老旧小区改造\n二、民政局要做好冬季救助"
    response = officer.post(reverse("import-manual"), {"kind": "npc", "doc_number": "第0012号", "issuer": "李代表",
                                                       "date": "2026-03-05", "title": "", "text": text})
    source = Source.objects.get()
    assert response["Location"] == reverse("review", args=[source.pk])
    assert source.kind == Source.Kind.NPC and source.items.count() == 2
    assert officer.post(reverse("import-manual"), {"kind": "npc", "text": "一、"}).status_code == 400
    assert client_for(people["liaison"]).get(reverse("import-manual")).status_code == 403


def test_a_junk_import_can_be_withdrawn_from_the_list_and_restored(officer):
    officer.post(reverse("import"), {"text": "今天天气很好。"})
    source = Source.objects.get()
    listed = '今天天气很好。</a>'
    assert listed in officer.get(reverse("sources")).content.decode()
    url = reverse("source-withdraw", args=[source.pk])
    officer.post(url, {"reason": ""})
    assert Source.objects.get().withdrawn_at is None
    response = officer.post(url, {"reason": "无关内容"})
    assert response["Location"] == reverse("sources")
    assert listed not in officer.get(reverse("sources")).content.decode()
    assert listed in officer.get(reverse("sources"), {"withdrawn": "1"}).content.decode()
    assert "恢复这篇报道" in officer.get(reverse("review", args=[source.pk])).content.decode()
    assert Journal.objects.filter(target=f"ledger.source:{source.pk}", action="withdraw", reason="无关内容").exists()
    officer.post(url, {"restore": "1"})
    assert Source.objects.get().withdrawn_at is None


def test_a_proposal_is_withdrawn_and_restored_on_its_card(officer):
    source = big_report(2, 2)
    item = source.items.first()
    url = reverse("review-act", args=[source.pk])
    officer.post(url, {"action": "withdraw", "ids": [item.pk], "reason": "录入有误", "card": "1"})
    assert Item.objects.get(pk=item.pk).status == Item.Status.WITHDRAWN
    officer.post(url, {"action": "restore", "ids": [item.pk], "card": "1"})
    assert Item.objects.get(pk=item.pk).status == Item.Status.PROPOSED


def workbook(*rows) -> io.BytesIO:
    book = openpyxl.Workbook()
    book.active.append(["序号", "交办事项", "责任单位", "完成时限"])
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "台账.xlsx"
    return data


def test_spreadsheet_import_checks_every_row_and_writes_nothing_on_error(officer):
    rows = [(1, "做好冬季供暖保障", "天桥街道", "2026-12-31"), (2, "整治背街小巷", "不存在的单位", "2026-12-31"),
            (3, "", "天桥街道", "明年")]
    response = officer.post(reverse("import-xlsx"), {"file": workbook(*rows)})
    page = response.content.decode()
    assert response.status_code == 400 and not Item.objects.exists()
    assert "第3行" in page and "不存在的单位" in page and "第4行" in page and "未导入任何事项" in page
    response = officer.post(reverse("import-xlsx"), {"file": workbook(*rows), "partial": "on"})
    assert response.status_code == 200 and "新增 1 项" in response.content.decode()
    assert Item.objects.get().text == "做好冬季供暖保障"


def test_only_the_office_imports_a_spreadsheet(client_for, people):
    assert client_for(people["liaison"]).get(reverse("import-xlsx")).status_code == 403


def test_the_new_pages_read_in_english(officer):
    officer.cookies["django_language"] = "en"
    page = officer.get(reverse("import-manual")).content.decode()
    assert "Leader&#x27;s written instruction" in page and "Enter and review" in page
    assert "Check and import" in officer.get(reverse("import-xlsx")).content.decode()


def test_the_list_names_untitled_reports_without_a_query_each(officer, django_assert_max_num_queries):
    for n in range(5):
        officer.post(reverse("import"), {"text": f"今天天气很好{n}。"})
    with django_assert_max_num_queries(8):
        page = officer.get(reverse("sources")).content.decode()
    assert all(f"今天天气很好{n}。</a>" in page for n in range(5))


def test_withdrawn_items_are_not_counted_as_work_anywhere(officer, people):
    from duban.ledger import workflow
    from duban.ledger.models import Subject

    subject = Subject.objects.create(name="漓江路社区")
    item = Item.objects.create(text="录错的一项", subject=subject, subject_name="漓江路社区")
    workflow.apply(item, "withdraw", people["officer"], reason="录入有误")
    assert "录错的一项" not in officer.get(reverse("subject", args=[subject.pk])).content.decode()
    assert "已撤回" not in officer.get(reverse("dashboard")).content.decode()
