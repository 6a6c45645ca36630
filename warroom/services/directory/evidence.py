"""The vendor's clock and evidence pack for one incident (composed into DirectoryService).

    pack = directory.evidence("INC-1", "baltic")
    directory.write_evidence("INC-1", "baltic", "pdf", Path("baltic.pdf"))

A vendor removed since (inactive) can still be named: the evidence is about the past.
"""

from __future__ import annotations

from pathlib import Path

from warroom.domain.directory import Vendor
from warroom.domain.directory_match import find_named
from warroom.domain.errors import ValidationError
from warroom.domain.vendor_clock import VendorClock, vendor_clock
from warroom.domain.vendor_evidence import EvidencePack, evidence_pack
from warroom.export.evidence import FORMATS, write_evidence
from warroom.services.context import ServiceContext
from warroom.services.directory.attempts import standing_attempts_in


class DirectoryEvidence:
    """A vendor's record in one incident: its clock against the SLA, and the evidence pack."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def evidence(self, reference: str, vendor: str) -> EvidencePack:
        from warroom.services.incidents import IncidentService

        incident = IncidentService(self.ctx).get(reference)
        with self.ctx.store.unit_of_work() as uow:
            chosen = _any_vendor(uow.repos.directory.vendors(), vendor)
            contacts = tuple(uow.repos.directory.contacts(chosen.id))
            attempts = standing_attempts_in(uow, incident.id)
            entries = tuple(uow.repos.timeline.all(incident.id))
        return evidence_pack(incident, chosen, contacts, attempts, entries, self.ctx.now())

    def vendor_clocks(self, incident_id: str) -> tuple[VendorClock, ...]:
        """The clock of every vendor this incident tried to reach, in the order first tried."""
        with self.ctx.store.unit_of_work() as uow:
            vendors = {v.id: v for v in uow.repos.directory.vendors()}
            attempts = standing_attempts_in(uow, incident_id)
            entries = tuple(uow.repos.timeline.all(incident_id))
        engaged = dict.fromkeys(a.vendor_id for a in attempts if a.vendor_id in vendors)
        return tuple(vendor_clock(vendors[vid], attempts, entries, self.ctx.now()) for vid in engaged if vid)

    def write_evidence(self, reference: str, vendor: str, fmt: str, path: Path) -> Path:
        if fmt not in FORMATS:
            raise ValidationError(f"--format {fmt!r} is not an evidence format: use md, pdf or csv.")
        pack = self.evidence(reference, vendor)
        try:
            return write_evidence(pack, path, fmt)
        except OSError as exc:
            raise ValidationError(f"Cannot write {path}: {exc.strerror}.") from None


def _any_vendor(vendors: list[Vendor], name: str) -> Vendor:
    return find_named(vendors, name, name_of=lambda v: v.name, id_of=lambda v: v.id, extra_of=lambda v: v.layers)
