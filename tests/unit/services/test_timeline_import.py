from pathlib import Path

import pytest

from warroom.domain.clock import parse_iso
from warroom.domain.errors import ValidationError
from warroom.domain.incident import Status
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.services.timeline_import import TimelineImportService

SCENARIO = Path(__file__).resolve().parents[3] / "resources" / "demo" / "timeline.csv"


def test_scenario_import_gives_the_milestone_durations(any_ctx):
    inc = IncidentService(any_ctx).open("Christmas release", "SEV1", started_at=parse_iso("2013-12-18T20:30+01:00"))
    result = TimelineImportService(any_ctx).import_csv(inc.id, SCENARIO.read_bytes())
    assert result.entries == 19 and result.attempts == 7
    assert "Baltic Perimeter Sp. z o.o." in result.unlinked_names
    m = TimelineService(any_ctx).metrics(inc.id)
    assert (m.time_to_detect_s, m.time_to_acknowledge_s) == (40200, 900)
    assert (m.time_to_mitigate_s, m.time_to_resolve_s, m.impact_s) == (721200, 723600, 763800)
    assert IncidentService(any_ctx).get(inc.id).status is Status.RESOLVED


def test_a_bad_row_imports_nothing(any_ctx, tmp_path):
    inc = IncidentService(any_ctx).open("x", "SEV3")
    good = SCENARIO.read_text(encoding="utf-8").splitlines()
    broken = "\n".join(good[:5] + ["not-a-time,action,,Me,,,oops"] + good[5:]) + "\n"
    with pytest.raises(ValidationError, match="line 6"):
        TimelineImportService(any_ctx).import_csv(inc.id, broken.encode())
    assert TimelineService(any_ctx).count(inc.id) == 0


def test_the_started_milestone_moves_the_incident_start(any_ctx):
    inc = IncidentService(any_ctx).open("Reconstructed later", "SEV2")
    TimelineImportService(any_ctx).import_csv(inc.id, SCENARIO.read_bytes())
    assert IncidentService(any_ctx).get(inc.id).started_at == parse_iso("2013-12-18T20:30+01:00")


@pytest.mark.parametrize(
    ("text", "outcome", "channel", "ticket"),
    [
        (
            "Ticket BP-20131227-04 filed with the firewall operator on their portal",
            "ticket filed",
            "portal",
            "BP-20131227-04",
        ),
        ("Filed ticket #4471 by e-mail", "ticket filed", "email", "4471"),
        (
            "Called the firewall technician about ticket BP-20131227-04: no answer",
            "no answer",
            "phone",
            "BP-20131227-04",
        ),
        ("Duty manager reached on ticket BP-20131227-04: rules found", "reached", "phone", "BP-20131227-04"),
        ("Called the service desk for logs: ticket opened", "reached", "phone", ""),
        ("NOC reached: network logs requested", "reached", "phone", ""),
    ],
)
def test_the_prose_gives_the_outcome_channel_and_ticket(text, outcome, channel, ticket):
    from warroom.services.timeline_import import guess_channel, guess_outcome, guess_ticket

    assert (guess_outcome(text).value, guess_channel(text).value, guess_ticket(text)) == (outcome, channel, ticket)


def test_the_demo_attempts_carry_their_tickets_and_a_filed_ticket_is_no_answer(any_ctx):
    from warroom.services.demo import DemoService
    from warroom.services.directory.service import DirectoryService

    incident = DemoService(any_ctx).load()
    clocks = {c.vendor_name: c for c in DirectoryService(any_ctx).vendor_clocks(incident.id)}
    baltic = clocks["Baltic Perimeter Sp. z o.o."]
    assert baltic.tickets == ("BP-20131227-04",)
    assert (baltic.first_attempt, baltic.first_reached) == (
        parse_iso("2013-12-27T10:30+01:00"),
        parse_iso("2013-12-27T11:20+01:00"),
    )
    assert baltic.summary == "responded in 50 min: SLA 30 min breached by 20 min"
