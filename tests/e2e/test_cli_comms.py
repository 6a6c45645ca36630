"""`warroom channel ...` and `warroom update ...` as a user runs them, with a file-backed keyring
shared by the processes and real local HTTP servers as Slack, Statuspage and a webhook receiver."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.comms_servers import CaptureServer, free_port

ROOT = Path(__file__).resolve().parents[2]


class CommsCli:
    def __init__(self, home: Path) -> None:
        self.db = f"sqlite:///{home / 'warroom.sqlite'}"
        self.db_file = home / "warroom.sqlite"
        self.home = home
        env = {k: v for k, v in os.environ.items() if k != "WARROOM_KEYRING"}
        self.env = {
            **env,
            "WARROOM_CONFIG_DIR": str(home / "config"),
            "WARROOM_DATA_DIR": str(home / "data"),
            "WARROOM_STATE_DIR": str(home / "state"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "XDG_DATA_HOME": str(home / "keyring"),
        }

    def cmd(self, *args: str, user: str = "Åsa Bergström") -> list[str]:
        return [sys.executable, "-m", "warroom", "--db", self.db, "--user", user, *args]

    def run(self, *args: str, stdin: str = "", check: bool = True, user: str = "Åsa Bergström"):
        result = subprocess.run(
            self.cmd(*args, user=user),
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=ROOT,
            timeout=120,
            encoding="utf-8",
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}")
        return result


@pytest.fixture
def cli(tmp_path):
    return CommsCli(tmp_path)


def add_statuspage(cli, http_server) -> None:
    """A Statuspage channel "status" for customers, page p1 on the local server, API key k3y."""
    cli.run("channel", "add", "status", "--kind", "statuspage", "--audience", "customers", "--page-id", "p1",
            "--base-url", http_server.url(""), "--component", "cmp1=major_outage", "--secret-from-stdin",
            stdin="k3y\n")  # fmt: skip


def test_channels_updates_and_flush_end_to_end(cli, http_server):
    ref = cli.run("incident", "open", "Apotek API rejects å, ä, ö", "--severity", "SEV1").stdout.strip()
    slack_url = http_server.url("/services/T000/B000/SECRETpart")
    cli.run(
        "channel",
        "add",
        "ops-slack",
        "--kind",
        "slack",
        "--audience",
        "internal",
        "--url-from-stdin",
        stdin=slack_url + "\n",
    )
    add_statuspage(cli, http_server)
    listed = json.loads(cli.run("channel", "list", "--json").stdout)
    assert [(c["name"], c["kind"], c["setup"]) for c in listed] == [
        ("ops-slack", "slack", "ready"),
        ("status", "statuspage", "ready"),
    ]
    assert "SECRET" not in json.dumps(listed) and "k3y" not in json.dumps(listed)

    tested = cli.run("channel", "test", "ops-slack")
    assert "Test sent to ops-slack" in tested.stderr
    cli.run("channel", "test", "status")  # Statuspage: lists open incidents, changes nothing
    assert [(r.method, r.path) for r in http_server.requests] == [
        ("POST", "/services/T000/B000/SECRETpart"),
        ("GET", "/v1/pages/p1/incidents/unresolved"),
    ]
    assert http_server.requests[0].json()["blocks"][0]["text"]["text"] == "Warroom test"
    http_server.requests.clear()

    draft = cli.run("update", "draft", ref, "--audience", "internal").stdout
    assert "Apotek API rejects å, ä, ö (SEV1, investigating)" in draft and "Next update: " in draft

    update_id = cli.run("update", "send", ref, "--audience", "internal", "--text", draft).stdout.strip()
    http_server.default.body = "ok"
    cli.run("update", "send", ref, "--audience", "customers", "--text", "We are on it.")
    flushed = cli.run("update", "flush", "--timeout", "20")
    assert "2 of 2 deliveries sent" in flushed.stderr
    updates = json.loads(cli.run("update", "list", ref, "--json").stdout)
    assert updates[0]["id"] == update_id
    assert [(d["channel"], d["status"], d["attempts"]) for u in updates for d in u["deliveries"]] == [
        ("ops-slack", "sent", 1),
        ("status", "sent", 1),
    ]
    paths = sorted(r.path for r in http_server.requests)
    assert paths == ["/services/T000/B000/SECRETpart", "/v1/pages/p1/incidents"]
    assert b"SECRETpart" not in cli.db_file.read_bytes() and b"k3y" not in cli.db_file.read_bytes()
    log = cli.home / "state" / "warroom.log"
    logged = log.read_text(encoding="utf-8")
    assert "to ops-slack: sent" in logged and "SECRETpart" not in logged


def test_templates_export_and_import_as_markdown(cli, tmp_path):
    ref = cli.run("incident", "open", "Pharmacy API", "--severity", "SEV2").stdout.strip()
    exported = tmp_path / "customers.md"
    cli.run("update", "template", "export", str(exported), "--audience", "customers")
    assert "{next_update_at}" in exported.read_text(encoding="utf-8")
    exported.write_text("## {title}\n\nVi undersöker felet. Nästa: {next_update_at}\n", encoding="utf-8")
    cli.run("update", "template", "import", str(exported), "--audience", "customers")
    draft = cli.run("update", "draft", ref, "--audience", "customers").stdout
    assert draft.startswith("## Pharmacy API\n\nVi undersöker felet. Nästa: ")
    exported.write_text("{titel}", encoding="utf-8")
    bad = cli.run("update", "template", "import", str(exported), "--audience", "customers", check=False)
    assert bad.returncode == 1 and "unknown placeholders: {titel}" in bad.stderr


def test_secrets_are_never_arguments_and_bad_input_is_one_sentence(cli):
    bad = cli.run("channel", "add", "x", "--kind", "slack", "--audience", "internal", "--url", "https://h", check=False)
    assert bad.returncode == 2
    wrong = cli.run("channel", "add", "x", "--kind", "pager", "--audience", "internal", check=False)
    assert wrong.returncode == 1 and wrong.stderr.startswith("warroom: Unknown channel kind 'pager'")
    assert "Traceback" not in wrong.stderr
    ref = cli.run("incident", "open", "Down").stdout.strip()
    nothing = cli.run("update", "send", ref, "--audience", "everyone", "--text", "x", check=False)
    assert nothing.returncode == 1 and "Unknown audience 'everyone'" in nothing.stderr


def test_flush_survives_a_sigkill_and_delivers_each_update_exactly_once(cli):
    port = free_port()
    ref = cli.run("incident", "open", "Firewall cuts packages in half").stdout.strip()
    cli.run(
        "channel",
        "add",
        "hook",
        "--kind",
        "webhook",
        "--audience",
        "internal",
        "--url-from-stdin",
        stdin=f"http://127.0.0.1:{port}/in\nwhsec_c2VjcmV0c2VjcmV0c2VjcmV0\n",
    )
    for n in range(3):
        cli.run("update", "send", ref, "--audience", "internal", "--text", f"Update {n}")
    sender = subprocess.Popen(
        cli.cmd("update", "flush", "--timeout", "60"),
        env=cli.env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(3.0)  # the server is down: the sender is backing off
    sender.send_signal(signal.SIGKILL)
    sender.wait(timeout=10)
    queued = json.loads(cli.run("update", "list", ref, "--json").stdout)
    assert all(d["status"] in ("queued", "sending") for u in queued for d in u["deliveries"])
    http_server = CaptureServer(port)
    try:
        cli.run("update", "flush", "--timeout", "30")
        ids = [r.headers["webhook-id"] for r in http_server.requests]
        assert len(ids) == 3 and len(set(ids)) == 3
        texts = sorted(r.json()["update"]["text"] for r in http_server.requests)
        assert texts == ["Update 0", "Update 1", "Update 2"]
    finally:
        http_server.stop()


def test_an_audience_that_needs_approval_holds_updates_until_approved(cli, http_server):
    ref = cli.run("incident", "open", "Board-level outage", "--commander", "Grace Hopper").stdout.strip()
    cli.run(
        "channel",
        "add",
        "execs",
        "--kind",
        "slack",
        "--audience",
        "executives",
        "--url-from-stdin",
        stdin=http_server.url("/execs") + "\n",
    )
    policy = json.loads(cli.run("update", "policy", "--audience", "executives", "--needs-approval", "--json").stdout)
    assert policy == {
        "audience": "executives",
        "needs_approval": True,
        "approver": "",
        "custom_template": False,
        "cadence": {},
    }
    update_id = cli.run("update", "send", ref, "--audience", "executives", "--text", "Summary").stdout.strip()
    held = cli.run("update", "flush", "--timeout", "2")
    assert "0 of 0 deliveries sent" in held.stderr and http_server.requests == []
    refused = cli.run("update", "approve", update_id, check=False)  # Åsa is not the commander
    assert refused.returncode == 1 and "Only Grace Hopper may approve" in refused.stderr
    cli.run("update", "approve", update_id, user="Grace Hopper")
    cli.run("update", "flush", "--timeout", "10")
    assert [r.path for r in http_server.requests] == ["/execs"]


def test_cadence_flags_are_laid_over_what_the_audience_had(cli):
    ref = cli.run("incident", "open", "Card payments fail in Malmö", "--severity", "SEV1").stdout.strip()
    cli.run("update", "policy", "--audience", "customers", "--cadence", "SEV1=10/30")
    both = json.loads(cli.run("update", "policy", "--audience", "customers", "--cadence", "sev2=45", "--json").stdout)
    assert both["cadence"] == {"SEV1": {"every": 30, "early": 10}, "SEV2": {"every": 45, "early": None}}
    back = cli.run("update", "policy", "--audience", "customers", "--cadence", "SEV1=default", "--json").stdout
    assert json.loads(back)["cadence"] == {"SEV2": {"every": 45, "early": None}}
    cli.run("update", "policy", "--audience", "internal", "--cadence", "SEV1=off")
    dues = {d["audience"] for d in json.loads(cli.run("update", "due", ref, "--json").stdout)}
    assert "internal" not in dues and "customers" in dues
    wrong = cli.run("update", "policy", "--audience", "customers", "--cadence", "SEV3=soon", check=False)
    assert wrong.returncode != 0 and "Customers, SEV3: Cadence 'soon' is not minutes" in wrong.stderr


def test_channel_edit_changes_only_what_is_given(cli, http_server):
    cli.run(
        "channel",
        "add",
        "ops",
        "--kind",
        "slack",
        "--audience",
        "internal",
        "--url-from-stdin",
        stdin=http_server.url("/hooks/old") + "\n",
    )
    add_statuspage(cli, http_server)

    renamed = json.loads(
        cli.run("channel", "edit", "ops", "--name", "ops-ärende", "--audience", "executives", "--json").stdout
    )
    assert (renamed["name"], renamed["audience"], renamed["setup"]) == ("ops-ärende", "executives", "ready")
    cli.run("channel", "edit", "ops-ärende", "--url-from-stdin", stdin=http_server.url("/hooks/new") + "\n")
    cli.run("channel", "test", "ops-ärende")
    assert [r.path for r in http_server.requests] == ["/hooks/new"]

    page = json.loads(cli.run("channel", "edit", "status", "--page-id", "p2", "--json").stdout)
    assert page["config"] == {"page_id": "p2", "base_url": http_server.url(""), "components": {"cmp1": "major_outage"}}
    assert page["setup"] == "ready"  # the API key was not asked for again and is kept

    wrong = cli.run("channel", "edit", "ops-ärende", "--page-id", "p3", check=False)
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert "--page-id is for a statuspage channel; this one is a slack channel." in wrong.stderr
    missing = cli.run("channel", "edit", "nope", "--audience", "internal", check=False)
    assert missing.returncode == 1 and "No channel is named 'nope'" in missing.stderr
    listed = json.loads(cli.run("channel", "list", "--json").stdout)
    assert [(c["name"], c["audience"]) for c in listed] == [("ops-ärende", "executives"), ("status", "customers")]
