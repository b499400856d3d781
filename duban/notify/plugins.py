"""The plugin manager: duban's own channels plus those of installed plugins."""

from __future__ import annotations

from functools import cache

import pluggy

from duban.notify import hookspecs

BUILTIN = ("duban.notify.channels.email", "duban.notify.channels.robots", "duban.notify.channels.webhook",
           "duban.notify.channels.sms")


@cache
def manager() -> pluggy.PluginManager:
    import importlib

    pm = pluggy.PluginManager("duban")
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN:
        pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints("duban")
    return pm


def channels() -> dict:
    """Channel name -> channel, in registration order (the first plugin to claim a name wins)."""
    found = {}
    for batch in reversed(manager().hook.duban_notify_channels()):  # pluggy calls last-registered first
        for channel in batch or ():
            found.setdefault(channel.name, channel)
    return found


def channel(name: str):
    try:
        return channels()[name]
    except KeyError:
        raise LookupError(f"未知的通知渠道：{name}") from None


def choices() -> list[tuple[str, str]]:
    return [(c.name, c.label) for c in channels().values()]
