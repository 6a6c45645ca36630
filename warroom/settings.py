"""User settings: a small JSON file in the config directory. Never a secret in it."""

from __future__ import annotations

import getpass
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

log = logging.getLogger("warroom")

APP = "warroom"


def config_dir() -> Path:
    return Path(os.environ.get("WARROOM_CONFIG_DIR") or platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    return Path(os.environ.get("WARROOM_DATA_DIR") or platformdirs.user_data_dir(APP))


def state_dir() -> Path:
    return Path(os.environ.get("WARROOM_STATE_DIR") or platformdirs.user_state_dir(APP))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'warroom.sqlite'}"


def _local_zone() -> str:
    tz = os.environ.get("TZ")
    if tz and "/" in tz:
        return tz
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            return link.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return "UTC"


@dataclass
class Settings:
    user_name: str = field(default_factory=lambda: _default_user())
    zone: str = field(default_factory=_local_zone)
    hub_url: str = ""  # without password: the password lives in the keyring
    last_incident_id: str = ""
    show_utc: bool = False
    demo_offered: bool = False
    theme: str = "system"  # system, light or dark
    export_folder: str = ""  # empty: the Documents folder
    name_confirmed: bool = False  # the display name was asked for once, at first start

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "Incident commander"
