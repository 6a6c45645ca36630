"""PySide6's `__feature__` import hook, put aside when `warroom` opens its window.

Importing PySide6 replaces `builtins.__import__` with a hook that serves `from __feature__ import
snake_case` (or `true_property`): after every import it reads the whole source of each module it
has not seen, to learn whether the module names PySide6. Warroom uses neither feature, and the
reading cost the first paint 10 to 15 ms of CPU, and the store's opening far more (every module
of SQLAlchemy, Alembic and the panels read once more as text, on the worker, holding the GIL).
PySide keeps the interpreter's own import as `builtins.__orig_import__`; with it back, every
module sees PySide's default feature set, which is the one Warroom is written against.
"""

from __future__ import annotations

import builtins

import PySide6.QtCore  # noqa: F401  (the hook is installed when PySide6 is first imported)


def drop_feature_hook() -> bool:
    """The interpreter's own import back in place; False when PySide's hook is not the one installed
    (another PySide, or something else wrapped the import since), which is then left as it is."""
    original = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if original is None or hook is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = original
    return True
