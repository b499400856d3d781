"""Hook specifications for duban plugins (pluggy, as datasette and pytest use it).

A plugin is a module or object with functions marked ``@hookimpl``, registered through the
``duban`` entry point group of an installed package::

    # pyproject.toml of the plugin
    [project.entry-points.duban]
    mychannel = "duban_mychannel"

    # duban_mychannel.py
    from duban.notify.hookspecs import hookimpl

    @hookimpl
    def duban_notify_channels():
        return [MyChannel()]
"""

import pluggy

hookspec = pluggy.HookspecMarker("duban")
hookimpl = pluggy.HookimplMarker("duban")


@hookspec
def duban_notify_channels():
    """Return a list of channel objects (see ``duban.notify.channels.base.Channel``)."""
