"""``duban wheelhouse DIR``: gather every wheel duban needs, for a machine without the index.

Run it where the package index (or a mirror) is reachable, on the same OS, CPU and Python
version as the server, copy DIR over, and there::

    python3 -m venv /opt/duban && /opt/duban/bin/pip install --no-index --find-links DIR -r DIR/requirements.txt

It runs ``pip wheel`` on duban (the source tree it runs from, or the installed version from
the index) with the chosen extras: wheels are downloaded where they exist and built where
only a source archive does, so DIR installs with no compiler and no network.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from duban import __version__
from duban.language import _


def add_arguments(parser) -> None:
    parser.add_argument("dir", type=Path, help="存放 wheel 的目录（不存在时新建）")
    parser.add_argument("--extras", default="postgres,server",
                        help="一并收集的可选组件（默认 postgres,server；空字符串表示不收集）")


def source_root() -> Path | None:
    """The source tree duban runs from (an editable or in-place install), if any."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() else None


def requirement(extras: str) -> str:
    suffix = f"[{extras}]" if extras.strip() else ""
    root = source_root()
    return f"{root}{suffix}" if root else f"duban{suffix}=={__version__}"


WHEEL_NAME = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)-.*\.whl$")


def pins(folder: Path) -> list[str]:
    """``name==version`` for each wheel in the folder (a requirements file for the install)."""
    found = []
    for wheel in sorted(folder.glob("*.whl")):
        match = WHEEL_NAME.match(wheel.name)
        if match:
            found.append(f"{match['name'].replace('_', '-')}=={match['version']}")
    return found


def run(args) -> int:
    args.dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "wheel", "--wheel-dir", str(args.dir), requirement(args.extras)]
    print("+ " + " ".join(command), flush=True)
    code = subprocess.call(command)
    if code:
        print("duban wheelhouse: " + _("pip 失败（退出码 {code}）").format(code=code), file=sys.stderr)
        return code
    lines = pins(args.dir)
    (args.dir / "requirements.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(_("已收集 {count} 个 wheel 到 {folder}。在离线服务器上安装：").format(count=len(lines), folder=args.dir) +
          f"\n  pip install --no-index --find-links {args.dir} -r {args.dir / 'requirements.txt'}")
    return 0
