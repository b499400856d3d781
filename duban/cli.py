"""The ``duban`` command.

Pure commands (``read``, ``analyze``, ``batch``) run without Django. Every other
command is a Django management command of the duban project (``serve``, ``demo``,
``import``, ``export``, ``createuser``, ``backup``, ``restore``, ``check`` …), so
they share one settings module and one database: ``DATABASE_URL``, else
``DUBAN_HOME/duban.sqlite3`` (the one ``duban demo`` fills).

Help is in one language: Chinese, or English when the locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``) starts with ``en``. The English texts come from the same
catalogue as the pages' (duban/locale), read with the standard library so that the pure
commands stay free of Django. Help shows duban's command names and hides Django's
plumbing options (they still work).
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"

# Commands that need no database: name -> module with add_arguments(parser) and run(args) -> int.
PURE_COMMANDS = {
    "read": ("duban.reader.cli", "读取网页或文本，输出干净的文章 JSON"),
    "analyze": ("duban.analysis.cli", "分析报道：活动、点位、指示要求、人名地名机构"),
    "batch": ("duban.batch", "用 Dask 批量读取并分析整个语料目录"),
    "wheelhouse": ("duban.wheelhouse", "收集离线安装所需的全部 wheel 到一个目录"),
}


@dataclass(frozen=True)
class DjangoCommand:
    django_name: str  # module names cannot be keywords (import) or contain dashes
    help: str
    needs_schema: bool = True  # False: the command migrates itself, or needs no tables


DJANGO_COMMANDS = {
    "serve": DjangoCommand("serve", "启动网页服务（默认 http://127.0.0.1:8000）", needs_schema=False),
    "demo": DjangoCommand("demo", "在默认数据库中建立演示台账（召陵区），然后启动服务", needs_schema=False),
    "import": DjangoCommand("import_report", "导入报道（文件、粘贴文本或网址），生成待审核事项"),
    "export": DjangoCommand("export", "导出督办台账 Excel"),
    "notice": DjangoCommand("notice", "打印交办单、督办通知单、办结报告（Word）"),
    "import-xlsx": DjangoCommand("import_xlsx", "从台账 Excel 导入（逐行校验）"),
    "createuser": DjangoCommand("createuser", "创建用户并指定角色与单位"),
    "create-token": DjangoCommand("create_token", "为用户生成 API 令牌"),
    "revoke-token": DjangoCommand("revoke_token", "吊销或列出 API 令牌"),
    "backup": DjangoCommand("backup", "备份数据库与佐证材料到一个文件"),
    "restore": DjangoCommand("restore", "从备份文件恢复到空数据库", needs_schema=False),
    "remind": DjangoCommand("remind", "向责任单位发送黄灯、红灯提醒"),
    "link-subjects": DjangoCommand("link_subjects", "为事项关联对象，识别再次交办"),
    "number": DjangoCommand("number", "为此前已交办的事项补编督办编号（--backfill）"),
    "fsck": DjangoCommand("fsck", "检查数据库与佐证材料目录是否一致（--fix 清理）"),
    "worker": DjangoCommand("worker", "运行定时任务（提醒、升级、重发通知；serve 已内含）"),
    "check": DjangoCommand("check", "检查配置（--deploy 检查生产部署）", needs_schema=False),
    "migrate": DjangoCommand("migrate", "建立或升级数据库结构", needs_schema=False),
    "manage": DjangoCommand("", "运行任意 Django 管理命令（维护用）", needs_schema=False),
}
PUBLIC_NAMES = {command.django_name: name for name, command in DJANGO_COMMANDS.items() if command.django_name}

# Django's options for its own machinery: hidden from help, still accepted.
PLUMBING = {"--version", "--verbosity", "--settings", "--pythonpath", "--traceback", "--no-color",
            "--force-color", "--skip-checks"}
# Django's built-in commands that duban lists: the options worth showing, with duban's words.
BUILTIN_OPTIONS = {
    "check": {"--deploy": "同时检查生产部署（HTTPS、密钥、主机名等）",
              "--fail-level": "达到此级别即以失败退出（默认 ERROR）"},
    "migrate": {"--plan": "只列出将要执行的升级步骤", "--check": "有未执行的升级步骤时以失败退出"},
}

# argparse's own words (it translates them through the standard gettext "argparse" domain).
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
}


def language() -> str:
    """``en`` when the locale asks for English, else Chinese (``zh-hans``)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name, ""):
            return "en" if value.lower().startswith("en") else "zh-hans"
    return "zh-hans"


def translator(lang: str):
    """gettext for duban's messages (their msgids are the Chinese texts)."""
    if lang == "en":
        return gettext.translation("django", LOCALE, languages=["en"], fallback=True).gettext
    return lambda text: text


@contextlib.contextmanager
def speaking(lang: str):
    """Within: argparse speaks ``lang`` too; yields duban's translator."""
    original = argparse._
    if lang != "en":
        argparse._ = lambda text: ARGPARSE_ZH.get(text, text)
    try:
        yield translator(lang)
    finally:
        argparse._ = original


def usage(translate=lambda text: text) -> str:
    lines = [f"{translate('用法：')}duban {translate('命令')} …", "", translate("命令：")]
    for name, (_, help_text) in PURE_COMMANDS.items():
        lines.append(f"  {name:14} {translate(help_text)}")
    for name, command in DJANGO_COMMANDS.items():
        lines.append(f"  {name:14} {translate(command.help)}")
    lines += ["", translate("duban help 命令 或 duban 命令 --help 显示该命令的选项。")]
    return "\n".join(lines)


def tidy(parser: argparse.ArgumentParser, translate, *, builtin_options: dict | None = None):
    """One language, duban's words: translate every help text; for Django's built-in commands
    show only ``builtin_options`` (in duban's words) and hide the rest."""
    if parser.description:
        parser.description = translate(parser.description)
    for action in parser._actions:
        if PLUMBING.intersection(action.option_strings):  # --skip-checks is added outside Django's list
            action.help = argparse.SUPPRESS
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
            continue
        if builtin_options is None:
            action.help = translate(action.help) if action.help else action.help
        else:
            shown = next((builtin_options[o] for o in action.option_strings if o in builtin_options), None)
            action.help = translate(shown) if shown else argparse.SUPPRESS
    return parser


def pure_parser(name: str, translate) -> argparse.ArgumentParser:
    module_name, help_text = PURE_COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"duban {name}", description=help_text)
    importlib.import_module(module_name).add_arguments(parser)
    return tidy(parser, translate)


def run_pure(name: str, argv: list[str], translate) -> int:
    module = importlib.import_module(PURE_COMMANDS[name][0])
    args = pure_parser(name, translate).parse_args(argv)
    return int(module.run(args) or 0)


def setup_django(lang: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    import django
    from django.conf import settings
    from django.utils import translation

    from duban import home

    home.prepare(settings)
    django.setup()
    translation.activate(lang)


def django_command(public_name: str, translate):
    """The management command behind ``duban public_name``, with duban's help."""
    from django.core.management import get_commands, load_command_class

    django_name = DJANGO_COMMANDS[public_name].django_name if public_name in DJANGO_COMMANDS else public_name
    app = get_commands().get(django_name)
    if app is None:
        return None
    command = app if not isinstance(app, str) else load_command_class(app, django_name)
    command.suppressed_base_arguments = PLUMBING
    ours = command.__module__.startswith("duban.")
    if not ours and public_name in DJANGO_COMMANDS:
        command.help = DJANGO_COMMANDS[public_name].help
    make_parser = command.create_parser

    def create_parser(prog_name, subcommand, **kwargs):
        parser = make_parser(prog_name, PUBLIC_NAMES.get(subcommand, subcommand), **kwargs)
        return tidy(parser, translate, builtin_options=None if ours else BUILTIN_OPTIONS.get(public_name, {}))

    command.create_parser = create_parser
    return command


def parser_for(name: str, translate=lambda text: text) -> argparse.ArgumentParser:
    """The parser ``duban name --help`` prints (Django must be set up for the Django commands)."""
    if name in PURE_COMMANDS:
        return pure_parser(name, translate)
    command = DJANGO_COMMANDS[name]
    return django_command(name, translate).create_parser("duban", command.django_name)


def manage_help(translate) -> str:
    """``duban manage --help``: what it is for and the commands it runs (Django's own and duban's)."""
    from django.core.management import get_commands

    names = sorted(PUBLIC_NAMES.get(name, name) for name in get_commands())
    return "\n".join([translate("用法：") + "duban manage " + translate("命令") + " …", "",
                      translate("运行任意 Django 管理命令（维护用），如 duban manage changepassword 用户名。"),
                      "", translate("命令："), *(f"  {name}" for name in names)])


def missing_schema(translate) -> str | None:
    """Why the database cannot serve a command yet, with what to run; None when it can.

    Checked before connecting, so a missing SQLite file is not left behind empty."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    database = connection.settings_dict
    # Never DATABASE_URL itself: it may hold a password.
    where = database["NAME"] if database["ENGINE"].endswith("sqlite3") else f"{database['NAME']}@{database['HOST']}"
    advice = translate("数据库 {where} 尚未建立或需要升级。先运行：duban migrate"
                       "（第一次试用：duban demo 会建立并填好这个数据库）").format(where=where)
    if database["ENGINE"].endswith("sqlite3") and not Path(database["NAME"]).exists():
        return advice
    executor = MigrationExecutor(connection)
    return advice if executor.migration_plan(executor.loader.graph.leaf_nodes()) else None


def run_django(name: str, argv: list[str], lang: str, translate) -> int:
    setup_django(lang)
    if name == "manage":
        if not argv or argv[0] in ("-h", "--help", "help"):
            print(manage_help(translate))
            return 0
        name, argv = PUBLIC_NAMES.get(argv[0], argv[0]), argv[1:]
    command = django_command(name, translate)
    if command is None:
        print(translate("duban：没有命令 {name}").format(name=name), file=sys.stderr)
        return 2
    wants_help = any(arg in ("-h", "--help") for arg in argv)
    needs_schema = DJANGO_COMMANDS[name].needs_schema if name in DJANGO_COMMANDS else False
    if needs_schema and not wants_help:
        from django.db import DatabaseError

        try:
            problem = missing_schema(translate)
        except DatabaseError as error:  # a server that is down, a file that is not a database
            problem = translate("数据库出错：{error}").format(error=" ".join(str(error).split()))
        if problem:
            print(translate("duban {name}：{message}").format(name=name, message=problem), file=sys.stderr)
            return 1
    return execute(command, name, argv, translate)


def execute(command, name: str, argv: list[str], translate) -> int:
    """Run it as Django's run_from_argv does, but a refusal or a database failure is one line
    that starts with duban's command name, never a traceback."""
    from django.core.management.base import CommandError
    from django.db import DatabaseError, connections

    options = vars(command.create_parser("duban", name).parse_args(argv))
    args = options.pop("args", ())
    try:
        command.execute(*args, **options)
    except (CommandError, DatabaseError) as error:
        if options.get("traceback"):
            raise
        message = " ".join(str(error).split())
        if isinstance(error, DatabaseError):
            message = translate("数据库出错：{error}").format(error=message)
        print(translate("duban {name}：{message}").format(name=name, message=message), file=sys.stderr)
        return getattr(error, "returncode", 1)
    finally:
        connections.close_all()
    return 0


def show_help(topic: list[str], lang: str, translate) -> int:
    if not topic:
        print(usage(translate))
        return 0
    name = topic[0]
    if name in PURE_COMMANDS:
        sys.stdout.write(parser_for(name, translate).format_help())
        return 0
    if name in DJANGO_COMMANDS:
        setup_django(lang)
        sys.stdout.write(parser_for(name, translate).format_help())
        return 0
    print(translate("duban：没有命令 {name}").format(name=name) + "\n\n" + usage(translate), file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = language()
    with speaking(lang) as translate:
        if not argv or argv[0] in ("-h", "--help"):
            print(usage(translate))
            return 0
        if argv[0] == "help":
            return show_help(argv[1:], lang, translate)
        if argv[0] in ("-V", "--version"):
            from duban import __version__

            print(f"duban {__version__}")
            return 0
        name, rest = argv[0], argv[1:]
        if name in PURE_COMMANDS:
            return run_pure(name, rest, translate)
        if name in DJANGO_COMMANDS:
            return run_django(name, rest, lang, translate)
        print(translate("duban：没有命令 {name}").format(name=name) + "\n\n" + usage(translate), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
