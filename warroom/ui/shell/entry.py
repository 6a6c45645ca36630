"""The window's way in, for `warroom` with no arguments and for `warroom --db URL` and friends.

Nothing is imported at the top: PySide's `__feature__` import hook is set aside before any of
the window's modules load (ui/kit/feature_hook.py), then the window (or the start-up probe) runs.
"""

from __future__ import annotations


def open_window(
    db_url: str | None = None,
    user_name: str | None = None,
    hub_url: str | None = None,
    *,
    create: bool = False,
    verbose: bool = False,
    probe: bool = False,
) -> int:
    """The window on `db_url` (None: the local store); with `probe`, the start-up benchmark's
    probe instead (ui/shell/first_paint.py)."""
    from warroom.ui.kit.feature_hook import drop_feature_hook

    drop_feature_hook()  # before the window's modules load: PySide would read each one's source
    if probe:
        from warroom.ui.shell.first_paint import probe as startup_probe

        return startup_probe(db_url, verbose=verbose)
    from warroom.ui.shell.launch import run_window

    return run_window(db_url=db_url, user_name=user_name, hub_url=hub_url, create=create, verbose=verbose)
