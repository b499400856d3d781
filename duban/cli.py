"""The ``duban`` command.

Pure commands (``read``, ``analyze``, ``batch``) run without Django. Every other
command is a Django management command of the duban project (``serve``, ``demo``,
``import``, ``export``, ``createuser``, ``backup``, ``restore``, ``check`` …), so
they share one settings module and honour ``DATABASE_URL``.
"""

from __future__ import annotations

import importlib
import os
import sys

# Commands that need no database: name -> module with add_arguments(parser) and run(args) -> int.
PURE_COMMANDS = {
    "read": ("duban.reader.cli", "读取网页或文本，输出干净的文章 JSON"),
    "analyze": ("duban.analysis.cli", "分析报道：活动、点位、指示要求、人名地名机构"),
    "batch": ("duban.batch", "用 Dask 批量读取并分析整个语料目录"),
    "wheelhouse": ("duban.wheelhouse", "收集离线安装所需的全部 wheel 到一个目录"),
}

# Names people type -> Django management command names (module names cannot be keywords).
DJANGO_ALIASES = {
    "import": "import_report",
    "import-xlsx": "import_xlsx",
}

DJANGO_COMMANDS = {
    "serve": "启动网页服务 (默认 http://127.0.0.1:8000)",
    "demo": "新建演示数据库，导入召陵区报道并启动服务",
    "import": "导入报道 (文件、粘贴文本或网址) 生成待审核事项",
    "export": "导出督办台账 Excel",
    "import-xlsx": "从台账 Excel 导入 (逐行校验)",
    "createuser": "创建用户并指定角色与单位",
    "backup": "备份数据库与附件到一个文件",
    "restore": "从备份文件恢复",
    "remind": "向责任单位发送黄灯、红灯提醒",
    "worker": "运行定时任务（提醒、升级、重发通知；serve 已内含）",
    "check": "检查配置 (--deploy 检查生产部署)",
    "migrate": "升级数据库结构",
    "manage": "运行任意 Django 管理命令",
}


def usage() -> str:
    lines = ["usage: duban COMMAND [ARGS...]", "", "commands:"]
    for name, (_, help_text) in PURE_COMMANDS.items():
        lines.append(f"  {name:12} {help_text}")
    for name, help_text in DJANGO_COMMANDS.items():
        lines.append(f"  {name:12} {help_text}")
    lines += ["", "duban COMMAND --help shows a command's options."]
    return "\n".join(lines)


def run_pure(name: str, argv: list[str]) -> int:
    import argparse

    module_name, help_text = PURE_COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"duban {name}", description=help_text)
    module.add_arguments(parser)
    args = parser.parse_args(argv)
    return int(module.run(args) or 0)


def run_django(name: str, argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    from django.core.management import execute_from_command_line

    if name == "manage":
        execute_from_command_line(["duban", *argv])
    else:
        execute_from_command_line(["duban", DJANGO_ALIASES.get(name, name), *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    if argv[0] in ("-V", "--version"):
        from duban import __version__

        print(f"duban {__version__}")
        return 0
    name, rest = argv[0], argv[1:]
    if name in PURE_COMMANDS:
        return run_pure(name, rest)
    if name in DJANGO_COMMANDS:
        return run_django(name, rest)
    print(f"duban: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
