"""The status-update cadence the war room shares: each audience's intervals per severity.

Choices a reader should know:
- It lives in the store (synced with everything else), beside each audience's template and
  approval flag, not in one laptop's settings file: everyone in the war room is reminded on
  the same clock, and the postmortem measures gaps against the same numbers. The Settings
  dialog and `warroom update policy --cadence` both edit it here.
- An override lays one interval over the built-in cadence for one audience and severity;
  'off' means no reminders, '' or 'default' goes back to the built-in interval.
"""

from __future__ import annotations

from warroom.domain.comms import CommsAudience
from warroom.domain.comms_cadence import DEFAULT, Cadence, parse_interval
from warroom.domain.errors import ValidationError
from warroom.domain.incident import Severity
from warroom.services.context import ServiceContext

Spec = dict[str, int | None]


class CadenceSettings:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def overrides(self) -> dict[str, dict[str, Spec]]:
        """Each audience's own intervals, by audience and severity: {"customers": {"SEV1": {...}}}."""
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.comms.cadence_overrides()

    def in_force(self) -> Cadence:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.comms.cadence()

    def set(self, changes: dict[CommsAudience | str, dict[str, str]]) -> Cadence:
        """Per audience and severity: '30', '20/60', 'off', or '' / 'default' for the built-in
        interval; severities not named keep theirs. One unit of work; returns the cadence in force."""
        parsed = parse_changes(changes)
        with self.ctx.store.unit_of_work() as uow:
            for aud, by_severity in parsed.items():
                policy = uow.repos.comms.policy(aud)
                cadence = {sev: dict(spec) for sev, spec in policy.cadence.items()}
                for severity, spec in by_severity.items():
                    if spec is None:
                        cadence.pop(severity, None)
                    else:
                        cadence[severity] = spec
                if cadence != policy.cadence:
                    uow.repos.comms.save_policy(policy, {"cadence": cadence})
            uow.commit()
            return uow.repos.comms.cadence()


def parse_changes(changes: dict) -> dict[CommsAudience, dict[str, Spec | None]]:
    """Checked and parsed; None = back to the built-in interval. A mistake names its cell."""
    parsed: dict[CommsAudience, dict[str, Spec | None]] = {}
    for audience, by_severity in changes.items():
        aud = audience if isinstance(audience, CommsAudience) else CommsAudience.parse(str(audience))
        for severity, text in by_severity.items():
            sev = Severity.parse(str(severity)).value
            written = str(text).strip()
            try:
                spec = None if written.casefold() in ("", DEFAULT) else parse_interval(written)
            except ValidationError as exc:
                raise ValidationError(f"{aud.label}, {sev}: {exc}") from None
            parsed.setdefault(aud, {})[sev] = spec
    return parsed
