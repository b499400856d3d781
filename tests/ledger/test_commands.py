import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from duban.ledger import demo
from duban.ledger.models import Item, Journal, Source, Unit, User

pytestmark = pytest.mark.django_db


def run(*args, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_is_idempotent_and_reports_each_input(pipeline, units, people, tmp_path, seed_bytes):
    report = tmp_path / "report.txt"
    report.write_bytes(seed_bytes)
    out, _ = run("import_report", str(report), "--user", "officer")
    count = Item.objects.count()
    assert "report.txt：已导入《" in out and f"{count} 条待审核事项" in out
    out, _ = run("import_report", str(report), "--user", "officer")
    assert "此前已导入" in out and Item.objects.count() == count and Source.objects.count() == 1
    assert Source.objects.get().imported_by == people["officer"]


def test_import_errors_are_one_line_and_others_still_import(pipeline, units, tmp_path, seed_bytes):
    good = tmp_path / "good.txt"
    good.write_bytes(seed_bytes)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="2 个输入导入失败"):
        call_command("import_report", str(tmp_path / "missing.txt"), str(empty), str(good),
                     stdout=io.StringIO(), stderr=(err := io.StringIO()))
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(str(tmp_path / "missing.txt") + "：失败：")
    assert Source.objects.count() == 1


def test_import_from_stdin_as_text(pipeline, units, seed_bytes, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(seed_bytes)))
    out, _ = run("import_report", "-", "--text")
    assert Source.objects.get().origin == Source.Origin.TEXT and "-：已导入" in out


def test_import_refuses_a_liaison(pipeline, people, tmp_path):
    with pytest.raises(CommandError, match="不是督查室"):
        call_command("import_report", "x.txt", "--user", "liaison")


def test_createuser(units):
    out, _ = run("createuser", "tq2", "--role", "liaison", "--unit", "区民政局", "--password", "Zl-2023-tianqiao")
    user = User.objects.get(username="tq2")
    assert user.unit == units["civil"] and user.role == "liaison" and user.check_password("Zl-2023-tianqiao")
    assert "已创建用户 tq2" in out and Journal.objects.filter(target=f"ledger.user:{user.pk}").exists()
    run("createuser", "boss", "--role", "admin", "--password", "Zl-2023-admin!")
    assert User.objects.get(username="boss").is_superuser


@pytest.mark.parametrize(("args", "message"), [
    (["x", "--role", "liaison", "--password", "Zl-2023-tianqiao"], "需要用 --unit"),
    (["x", "--role", "liaison", "--unit", "火星", "--password", "Zl-2023-tianqiao"], "没有名为"),
    (["x", "--role", "officer", "--password", "123"], "密码不符合要求"),
])
def test_createuser_refusals(units, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("createuser", *args, stdout=io.StringIO())
    assert not User.objects.filter(username="x").exists()


def test_demo_builds_a_working_ledger(pipeline):
    result = demo.build(password="demo-pass")
    assert Unit.objects.filter(name="漓江路社区", parent__name="天桥街道").exists()
    assert len(result.logins) == len(demo.USERS) and all(p == "demo-pass" for _, p, *_ in result.logins)
    officer = User.objects.get(username="duchashi")
    assert officer.is_office and officer.check_password("demo-pass")
    ledger = Item.objects.in_ledger()
    assert result.items == ledger.count() > 0 and result.proposals == 0
    assert all(i.lead_unit and i.deadline for i in ledger)
    statuses = set(ledger.values_list("status", flat=True))
    assert {"closed", "in_progress"} <= statuses
    assert Journal.objects.filter(action="progress").exists()
    # The leader has a 批示 given and 呈批 waiting, one of them 圈阅'd (their home page's 待批示 queues).
    assert Journal.objects.filter(action="instruct").exists() and ledger.filter(priority="urgent").exists()
    assert Journal.objects.filter(action="read").exists()
    leader = User.objects.get(username="lingdao")
    assert leader.check_password("demo-pass") and ledger.filter(
        instruction_requests__leader=leader, instruction_requests__answer=None).exists()
    # 考核 and the unit pages have something to show: co-units, several grades, a 退回, a late 销号.
    assert ledger.filter(co_units__isnull=False).distinct().count() >= 5
    closed = ledger.filter(status="closed")
    assert {"good", "fair", "average", "poor"} <= set(closed.values_list("rating", flat=True))
    assert "" not in set(closed.values_list("rating", flat=True))
    assert Journal.objects.filter(action="return").exists()
    assert any(i.closed_at.date() > i.deadline for i in closed) and any(i.closed_at.date() <= i.deadline for i in closed)


def test_demo_command_fills_the_configured_database_only_when_empty(pipeline):
    out, _ = run("demo", "--no-serve", "--password", "demo-pass")
    assert "duchashi  demo-pass" in out and "以后再次打开：duban serve" in out
    assert Item.objects.in_ledger().exists()
    count = Item.objects.count()
    with pytest.raises(CommandError, match="已有数据.*duban demo --reset"):
        call_command("demo", "--no-serve", stdout=io.StringIO())
    assert Item.objects.count() == count


def test_createuser_prompts_twice(units, monkeypatch):
    answers = iter(["Zl-2023-prompted", "Zl-2023-prompted", "Zl-2023-one", "Zl-2023-two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    run("createuser", "leader1", "--role", "leader")
    assert User.objects.get(username="leader1").check_password("Zl-2023-prompted")
    with pytest.raises(CommandError, match="不一致"):
        call_command("createuser", "leader2", "--role", "leader", stdout=io.StringIO())
    assert not User.objects.filter(username="leader2").exists()


def test_import_word_and_pdf_documents(pipeline, units, people, tmp_path):
    from tests.reader.documents import TITLE, make_docx, make_pdf

    (tmp_path / "notice.docx").write_bytes(make_docx())
    (tmp_path / "scan.pdf").write_bytes(make_pdf(pages=1, text=False))
    (tmp_path / "renamed.pdf").write_bytes(make_docx())
    with pytest.raises(CommandError, match="2 个输入导入失败"):
        call_command("import_report", *(str(tmp_path / n) for n in ("notice.docx", "scan.pdf", "renamed.pdf")),
                     "--user", "officer", stdout=(out := io.StringIO()), stderr=(err := io.StringIO()))
    assert f"notice.docx：已导入《{TITLE}》" in out.getvalue()
    assert "scan.pdf：失败：" in err.getvalue() and "扫描件" in err.getvalue()
    assert "renamed.pdf：失败：" in err.getvalue() and "扩展名" in err.getvalue()
    assert Source.objects.get().title == TITLE
