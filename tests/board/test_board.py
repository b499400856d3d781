"""The 政务公开 board shows the public fields of public items and nothing else."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.board.models import PublicItem
from duban.ledger import services
from duban.ledger.models import Extension, Item, Journal, Source, Subject, Unit, User

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)
COMMITMENT = "年底前完成漓江路老旧小区改造"
# Everything inside duban about the item that the public must not read.
PRIVATE = ["内部原文：王书记要求漓江路改造务必提速", "王书记", "漓江路调研点", "漓江路社区居委会", "李副区长",
           "张联络员", "zhanglian", "13900001111", "内部进展：资金缺口三百万", "内部佐证材料.pdf",
           "延期理由：拆迁未完成", "退回理由：台账不全", "内部报道标题", "民政局", "建议单位住建局",
           "zhang@example.gov.cn", "https://news.example.cn/internal-report", "内部节点：拆迁完成"]


@pytest.fixture
def full_item(settings, tmp_path, frozen_clock):
    frozen_clock(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))
    settings.DUBAN_PUBLIC_BOARD = True
    settings.MEDIA_ROOT = tmp_path
    town, co = Unit.objects.create(name="天桥街道"), Unit.objects.create(name="民政局")
    liaison = User.objects.create_user("zhanglian", first_name="张联络员", phone="13900001111",
                                       email="zhang@example.gov.cn",
                                       role=User.Role.LIAISON, unit=town)
    officer = User.objects.create_user("officer", role=User.Role.OFFICER)
    source = Source.objects.create(title="内部报道标题", origin="url", location="https://news.example.cn/internal-report",
                                   content_hash="x" * 64, raw=b"")
    item = Item.objects.create(
        text="内部原文：王书记要求漓江路改造务必提速", speaker="王书记", stop_name="漓江路调研点",
        subject_name="漓江路社区居委会", subject=Subject.objects.create(name="漓江路社区居委会"),
        leader_in_charge="李副区长", lead_unit=town, deadline=TODAY + dt.timedelta(days=30),
        deadline_text="年底前", status=Item.Status.IN_PROGRESS, source=source,
        suggested_unit=Unit.objects.create(name="建议单位住建局"))
    item.co_units.add(co)
    services.report_progress(item, liaison, text="内部进展：资金缺口三百万", percent=40, milestone="内部节点：拆迁完成",
                             files=[SimpleUploadedFile("内部佐证材料.pdf", b"%PDF-1.4 test", "application/pdf")])
    Extension.objects.create(item=item, requested_by=liaison, old_deadline=item.deadline,
                             new_deadline=item.deadline + dt.timedelta(days=30), reason="延期理由：拆迁未完成")
    Journal.record(user=officer, item=item, action="return", reason="退回理由：台账不全")
    PublicItem.objects.create(item=item, commitment=COMMITMENT, published_by=officer)
    return item


def pages(client):
    return {name: client.get(reverse(f"board:{name}")) for name in ("board", "embed", "feed")}


def test_every_public_field_and_no_private_one(client, full_item):
    for name, response in pages(client).items():
        assert response.status_code == 200, name
        body = response.content.decode()
        assert COMMITMENT in body and "天桥街道" in body and "推进中" in body and "2026-12-26" in body, name
        leaked = [word for word in PRIVATE if word in body]
        assert leaked == [], f"{name} leaks {leaked}"


def test_closed_item_shows_its_closing_date(client, full_item):
    Item.objects.filter(pk=full_item.pk).update(status=Item.Status.CLOSED,
                                                closed_at=dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC))
    body = client.get(reverse("board:board")).content.decode()
    assert "已办结" in body and "2026-11-20" in body


def test_rejected_or_unpublished_items_leave_the_board(client, full_item):
    other = Item.objects.create(text="另一项", status=Item.Status.REJECTED)
    PublicItem.objects.create(item=other, commitment="不应出现的承诺")
    assert "不应出现的承诺" not in client.get(reverse("board:board")).content.decode()


def test_atom_feed(client, full_item):
    response = client.get(reverse("board:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    atom = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(response.content)
    [entry] = root.findall("a:entry", atom)
    assert entry.find("a:title", atom).text == COMMITMENT
    assert entry.find("a:link", atom).get("href").endswith(f"/public/#item-{full_item.public.pk}")
    assert "责任单位：天桥街道" in entry.find("a:summary", atom).text


def test_off_by_default(client, full_item, settings):
    settings.DUBAN_PUBLIC_BOARD = False
    assert {name: r.status_code for name, r in pages(client).items()} == {"board": 404, "embed": 404, "feed": 404}


def test_no_login_no_cookie_and_cacheable(client, full_item):
    response = client.get(reverse("board:board"))
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie: a cache may share it


def test_embed_may_be_framed_by_the_portal(client, full_item, settings):
    settings.DUBAN_PUBLIC_BOARD_EMBED_ORIGINS = "https://www.example.gov.cn"
    response = client.get(reverse("board:embed"))
    assert "X-Frame-Options" not in response
    assert response["Content-Security-Policy"] == "frame-ancestors https://www.example.gov.cn"
    assert client.get(reverse("board:board"))["X-Frame-Options"] == "DENY"  # the page itself is not framed


def test_rate_limited_per_address(client, full_item, settings):
    settings.DUBAN_PUBLIC_BOARD_RATE = "3/m"
    codes = [client.get(reverse("board:board")).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = client.get(reverse("board:board"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200



def test_rate_limit_behind_a_trusted_proxy_counts_each_visitor(client, full_item, settings):
    settings.DUBAN_PUBLIC_BOARD_RATE = "2/m"
    settings.DUBAN_TRUSTED_PROXIES = ["127.0.0.1"]

    def visit(address):
        return client.get(reverse("board:board"), HTTP_X_FORWARDED_FOR=address).status_code

    assert [visit("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert visit("203.0.113.2") == 200  # another visitor through the same nginx


def test_officer_publishes_and_takes_down(client, full_item):
    PublicItem.objects.all().delete()
    url = reverse("board:publish", args=[full_item.pk])
    client.force_login(User.objects.get(username="zhanglian"))
    assert client.post(url, {"public": "1"}).status_code == 403
    client.force_login(User.objects.get(username="officer"))
    page = client.get(reverse("item", args=[full_item.pk])).content.decode()
    assert "在政务公开栏公开" in page
    client.post(url, {"public": "1", "commitment": "对外表述"})
    assert PublicItem.objects.get().commitment == "对外表述"
    assert Journal.objects.filter(item=full_item, action="publish", new="对外表述").exists()
    assert "撤下公开" in client.get(reverse("item", args=[full_item.pk])).content.decode()
    client.post(url, {"public": "0"})
    assert not PublicItem.objects.exists()
    client.post(url, {"public": "1"})  # no wording: the item's own text
    assert PublicItem.objects.get().commitment == full_item.text
