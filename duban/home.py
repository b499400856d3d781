"""The data folder (``DUBAN_HOME``) and the secret key kept in it.

Nothing here runs at import: the settings only compute paths, and the folder, the static
root and the key file are made when a command or the WSGI application first needs them.
No Django imports, so the settings module can use it.
"""

from __future__ import annotations

import functools
import os
import secrets
from pathlib import Path


def data_home() -> Path:
    """``DUBAN_HOME``, else ``$XDG_DATA_HOME/duban`` or ``~/.local/share/duban``."""
    if os.environ.get("DUBAN_HOME"):
        return Path(os.environ["DUBAN_HOME"]).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(xdg) / "duban"


@functools.cache
def secret_key(home: Path) -> str:
    """``DUBAN_SECRET_KEY``, else a per-installation key kept beside the database (so sessions
    survive restarts), written on first use."""
    if os.environ.get("DUBAN_SECRET_KEY"):
        return os.environ["DUBAN_SECRET_KEY"]
    path = home / "secret_key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        # Created with owner-only permissions from the start, never readable by others.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it a moment ago
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def prepare(settings) -> None:
    """Make the data folder and the static root (WhiteNoise warns when that one is missing)."""
    for folder in (settings.DATA_HOME, settings.STATIC_ROOT):
        Path(folder).mkdir(parents=True, exist_ok=True)
