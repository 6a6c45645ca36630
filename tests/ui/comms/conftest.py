"""The Communications feature installed in the real main window, and a real local HTTP server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from warroom.services.comms import ChannelService
from warroom.ui.comms.install import install_comms


@pytest.fixture
def comms_window(qtbot, services, open_window, incident, http_server):
    ChannelService(services.ctx).add("ops-slack", "slack", "internal", secret_values={"url": http_server.url("/ops")})
    ChannelService(services.ctx).add("exec-teams", "teams", "executives")  # no secret on this laptop
    window, feature = open_window((1366, 768), install_comms)
    qtbot.waitUntil(lambda: feature.panel.incident is not None)
    window.comms = feature
    return window


def open_channels_menu(qtbot, window):
    feature = window.comms
    qtbot.mouseClick(feature.panel.channels_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feature.channels_popup is not None and feature.channels_popup.isVisible())
    menu = feature.channels_popup
    menu.close()
    return menu


def menu_action(menu, starts: str):
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(starts))
