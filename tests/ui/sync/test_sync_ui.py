"""Two windows on one hub see each other's entries live; the hub dialog keeps passwords out of settings."""

from __future__ import annotations

import json

import pytest

from tests.ui.timeline.test_panel import record, texts


def _window(qtbot, tmp_path, name: str, hub_url: str):
    from warroom.app import build_services
    from warroom.settings import Settings
    from warroom.ui.kit.worker import Tasks
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    services = build_services(
        f"sqlite:///{tmp_path / f'{name}.sqlite'}", settings=Settings(user_name=name, zone="Europe/Stockholm")
    )
    tasks = Tasks()
    window = MainWindow(services, tasks)
    window.panels = install_panels(window, hub_url)
    qtbot.addWidget(window)
    window.show()
    return window, services, tasks


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub(request, tmp_path):
    from warroom.services.sync import init_hub

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_factory").new_database("warroom_hub")
    init_hub(url)
    return url


def test_two_windows_on_one_hub_show_each_others_entries_live(qtbot, ui_dirs, tmp_path, hub, wait_idle):
    a, a_services, a_tasks = _window(qtbot, tmp_path, "Åsa", hub)
    b, b_services, b_tasks = _window(qtbot, tmp_path, "Paweł", hub)
    try:
        for w in (a, b):
            qtbot.waitUntil(lambda w=w: w.status.sync.property("tone") == "ok", timeout=15000)
        incident = a_services.incidents.open("Shared outage 東京", "SEV2")
        qtbot.waitUntil(lambda: b.current_incident is not None, timeout=10000)
        assert b.current_incident.id == incident.id
        a.reload_incidents(select=incident.id)
        wait_idle(a_tasks)
        record(qtbot, a, a_tasks, wait_idle, "! failover started from Åsa's laptop")
        qtbot.waitUntil(lambda: "failover started from Åsa's laptop" in texts(b), timeout=10000)
        record(qtbot, b, b_tasks, wait_idle, "> Paweł agrees: keep the fax fallback")
        qtbot.waitUntil(lambda: "Paweł agrees: keep the fax fallback" in texts(a), timeout=10000)
        assert "Live" in a.status.sync.text() and "Live" in b.status.sync.text()
    finally:
        for w, s, t in ((a, a_services, a_tasks), (b, b_services, b_tasks)):
            w.close()
            t.shutdown()
            s.close()


def test_hub_dialog_saves_the_url_and_puts_the_password_in_the_keyring(qtbot, ui_dirs, services, tasks):
    from warroom.integrations.secrets import password_for
    from warroom.settings import config_dir
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    window = MainWindow(services, tasks)
    qtbot.addWidget(window)
    window.panels = install_panels(window, "")
    controller = window.panels["sync"]
    assert "Local store only" in window.status.sync.text()
    controller.settings_action.trigger()
    dialog = controller.dialog
    dialog.postgres.setChecked(True)
    qtbot.keyClicks(dialog.host, "127.0.0.1")
    dialog.port.setValue(1)  # nothing listens there: the window must stay responsive and say offline
    qtbot.keyClicks(dialog.database, "warroom")
    qtbot.keyClicks(dialog.user, "app")
    qtbot.keyClicks(dialog.password, "s3cret-hub-pw")
    dialog.tls.setCurrentText("require")
    dialog.accept()
    url = services.settings.hub_url
    assert url == "postgresql://app@127.0.0.1:1/warroom?sslmode=require"
    assert password_for(url, "app") == "s3cret-hub-pw"
    qtbot.waitUntil(lambda: window.status.sync.property("tone") in ("warn", "error"), timeout=15000)
    assert "s3cret" not in window.status.sync.text()
    qtbot.waitUntil(tasks.is_idle, timeout=5000)
    saved = (config_dir() / "settings.json").read_text(encoding="utf-8")
    assert json.loads(saved)["hub_url"] == url and "s3cret" not in saved
    window.close()


def test_hub_dialog_refuses_an_incomplete_postgres_hub(qtbot, ui_dirs):
    from warroom.ui.sync.hub_dialog import HubDialog

    dialog = HubDialog("")
    qtbot.addWidget(dialog)
    assert dialog.none.isChecked()
    dialog.postgres.setChecked(True)
    dialog.accept()
    assert dialog.result() == 0 and "needs a host" in dialog.error.text()


def test_header_shows_checklist_progress(qtbot, ui_dirs, services, tasks, incident, wait_idle):
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    window = MainWindow(services, tasks)
    qtbot.addWidget(window)
    window.panels = install_panels(window, "")
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    assert not window.header.checklist.isVisibleTo(window)
    checklist = services.checklists.start(incident.id, "Rollback")
    qtbot.waitUntil(lambda: window.header.checklist.text().endswith(f"0/{len(checklist.items)}"), timeout=5000)
    services.checklists.tick(checklist.items[0].id)
    qtbot.waitUntil(lambda: window.header.checklist.text().endswith(f"1/{len(checklist.items)}"), timeout=5000)
    window.close()
