"""User settings: a small JSON file in the config directory. Never a secret in it."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

log = logging.getLogger("warroom")
notice = logging.getLogger("warroom.notice.settings")  # the CLI prints these; the window logs them

APP = "warroom"


def config_dir() -> Path:
    return Path(os.environ.get("WARROOM_CONFIG_DIR") or platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    return Path(os.environ.get("WARROOM_DATA_DIR") or platformdirs.user_data_dir(APP))


def state_dir() -> Path:
    return Path(os.environ.get("WARROOM_STATE_DIR") or platformdirs.user_state_dir(APP))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'warroom.sqlite'}"


def resolve_db_url(cli_value: str | None) -> str:
    return cli_value or os.environ.get("WARROOM_DB") or default_db_url()


def is_default_store(cli_value: str | None) -> bool:
    """The default store's folder is always made; a folder the user named must exist (or --create)."""
    return not cli_value and not os.environ.get("WARROOM_DB")


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
        """The settings in `path`; a bad file or key is reported and replaced by the default.

        The app always starts: a malformed file is kept beside as settings.json.bad
        (so nothing the user wrote is lost) and each bad key gets its default."""
        path = path or config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, RecursionError) as exc:
            _keep_bad_copy(path, f"cannot be read ({_short(exc)}); using the defaults")
            return cls()
        if not isinstance(raw, dict):
            _keep_bad_copy(path, f"holds {type(raw).__name__}, not a JSON object; using the defaults")
            return cls()
        good, bad = _checked(raw)
        if bad:
            _keep_bad_copy(path, f"has a bad value for {', '.join(bad)}; using the default for it")
        return cls(**good)

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "settings.json"
        from warroom.atomic_file import write_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(self), ensure_ascii=False, indent=2))


def read_theme(path: Path | None = None) -> str:
    """Only the theme, for the frame `warroom` paints before anything else: no check of the other
    keys (a zone would load zoneinfo), no report of a bad file (Settings.load does both once the
    store opens). Anything unreadable or unknown is "system"."""
    path = path or config_dir() / "settings.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return "system"
    theme = raw.get("theme") if isinstance(raw, dict) else None
    return theme if theme in THEMES else "system"


def _checked(raw: dict) -> tuple[dict, list[str]]:
    """The known keys with a value of the right kind, and the names of the others."""
    good, bad = {}, []
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value = raw[f.name]
        if _valid(f.name, value):
            good[f.name] = value
        else:
            bad.append(f"'{f.name}' ({json.dumps(value, ensure_ascii=False)[:40]})")
    return good, bad


THEMES = ("system", "light", "dark")


def _valid(name: str, value: object) -> bool:
    if isinstance(_DEFAULTS.get(name), bool):
        return isinstance(value, bool)
    if not isinstance(value, str):
        return False
    if name == "user_name":
        return bool(value.strip()) and value.isprintable()
    if name == "zone":
        return _known_zone(value)
    if name == "theme":
        return value in THEMES
    return value.isprintable()


_DEFAULTS = {f.name: f.default for f in fields(Settings)}  # the kind of each value, from its default


def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _keep_bad_copy(path: Path, problem: str) -> None:
    """Report `problem` once, naming the file, and keep the bad file beside as .bad."""
    copy = path.with_name(path.name + ".bad")
    import shutil

    try:
        shutil.copyfile(path, copy)
        kept = f" (a copy is kept as {copy})"
    except OSError:
        kept = ""
    notice.warning(f"the settings file {path} {problem}{kept}")


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__


def _default_user() -> str:
    import getpass  # with termios and pwd: only when the file names nobody

    try:
        return getpass.getuser()
    except Exception:
        return "Incident commander"
