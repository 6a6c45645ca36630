# Run-time hook of the bundle, in place of PyInstaller's pyi_rth_pyside6 (see packaging/warroom.spec).
# It sets the same Qt environment but does not import PySide6.QtCore at start: that import (about
# 100 ms of CPU) made `warroom --version` and every command from the bundle pay for Qt. The hook's
# other step, an embedded qt.conf, is one PySide6 from PyPI registers itself when QtCore loads.
import os
import sys


def _warroom_qt_environment() -> None:
    windows = sys.platform.startswith("win")
    qt = os.path.join(sys._MEIPASS, "PySide6") if windows else os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt, "qml")
    # QtNetwork finds OpenSSL beside the executable on Windows, and on macOS outside an .app
    if windows:
        os.environ["PATH"] = os.pathsep.join([sys._MEIPASS, *filter(None, [os.environ.get("PATH")])])
    elif sys.platform == "darwin" and ".app/Contents/" not in sys._MEIPASS:
        before = os.environ.get("DYLD_LIBRARY_PATH")
        os.environ["DYLD_LIBRARY_PATH"] = os.pathsep.join([sys._MEIPASS, *filter(None, [before])])


_warroom_qt_environment()
del _warroom_qt_environment
