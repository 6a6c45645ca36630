"""Reading the change record, role assignments, question states and handovers.

Writes go through the unit of work's replicator, like every replicated table; everything but a
change record is history, appended and never changed.
"""

from __future__ import annotations

from sqlalchemy import select

from warroom.domain.changes_record import Change, ChangeKind, ChangeMark, MarkEvent, with_marks
from warroom.domain.handover import Handover, HandoverBrief
from warroom.domain.roles import Assignment
from warroom.domain.roles_questions import QuestionEvent, QuestionKind, QuestionState
from warroom.store.models import ChangeMarkRow, ChangeRecordRow, HandoverRow, QuestionStateRow, RoleAssignmentRow
from warroom.store.repositories.base import Repository


def change_from_row(r: ChangeRecordRow) -> Change:
    return Change(
        id=r.id,
        incident_id=r.incident_id,
        occurred_at=r.occurred_at,
        service=r.service,
        kind=ChangeKind(r.kind),
        version=r.version or "",
        author=r.author or "",
        link=r.link or "",
        text=r.text or "",
        reverts_id=r.reverts_id,
    )


def mark_from_row(r: ChangeMarkRow) -> MarkEvent:
    return MarkEvent(id=r.id, change_id=r.change_id, mark=ChangeMark(r.mark), at=r.at, author=r.author, note=r.note)


def assignment_from_row(r: RoleAssignmentRow) -> Assignment:
    return Assignment(
        id=r.id,
        incident_id=r.incident_id,
        role=r.role,
        person=r.person,
        at=r.at,
        author=r.author,
        vendor_id=r.vendor_id,
        vendor_name=r.vendor_name or "",
    )


def question_from_row(r: QuestionStateRow) -> QuestionEvent:
    return QuestionEvent(
        id=r.id,
        incident_id=r.incident_id,
        entry_id=r.entry_id,
        kind=QuestionKind(r.kind),
        state=QuestionState(r.state),
        at=r.at,
        author=r.author,
        settled_by=r.settled_by,
    )


class RoleRepository(Repository):
    """Changes with their marks, role history, question history and kept handovers; writes take domain values."""

    # -- writes -------------------------------------------------------------------
    def add_change(self, change: Change) -> None:
        self.writer.create("change_records", {
            "id": change.id, "incident_id": change.incident_id, "occurred_at": change.occurred_at,
            "service": change.service, "kind": change.kind.value, "version": change.version,
            "author": change.author, "link": change.link, "text": change.text, "reverts_id": change.reverts_id,
            "deleted": False,
        })  # fmt: skip

    def add_change_mark(self, mark: MarkEvent, incident_id: str) -> None:
        self.writer.append("change_marks", {
            "id": mark.id, "change_id": mark.change_id, "incident_id": incident_id, "mark": mark.mark.value,
            "at": mark.at, "author": mark.author, "note": mark.note,
        })  # fmt: skip

    def add_assignment(self, assignment: Assignment, entry_id: str | None) -> None:
        a = assignment
        self.writer.append("role_assignments", {
            "id": a.id, "incident_id": a.incident_id, "role": a.role, "person": a.person, "vendor_id": a.vendor_id,
            "vendor_name": a.vendor_name, "at": a.at, "author": a.author, "entry_id": entry_id,
        })  # fmt: skip

    def add_question_state(self, event: QuestionEvent) -> None:
        q = event
        self.writer.append("question_states", {
            "id": q.id, "incident_id": q.incident_id, "entry_id": q.entry_id, "kind": q.kind.value,
            "state": q.state.value, "settled_by": q.settled_by, "at": q.at, "author": q.author,
        })  # fmt: skip

    def add_handover(self, handover: Handover) -> None:
        h = handover
        self.writer.append("handovers", {
            "id": h.id, "incident_id": h.incident_id, "from_person": h.from_person, "to_person": h.to_person,
            "note": h.note, "brief": h.brief.to_json(), "at": h.at, "author": h.author, "entry_id": h.entry_id,
        })  # fmt: skip

    # -- change record ------------------------------------------------------------
    def changes(self, incident_id: str) -> list[Change]:
        rows = self.session.scalars(
            select(ChangeRecordRow).where(
                ChangeRecordRow.incident_id == incident_id, ChangeRecordRow.deleted.is_(False)
            )
        )
        marks = self.session.scalars(select(ChangeMarkRow).where(ChangeMarkRow.incident_id == incident_id))
        return with_marks([change_from_row(r) for r in rows], [mark_from_row(m) for m in marks])

    def change(self, change_id: str) -> Change | None:
        row = self.session.get(ChangeRecordRow, change_id)
        if row is None or row.deleted:
            return None
        return next(c for c in self.changes(row.incident_id) if c.id == change_id)

    # -- roles ----------------------------------------------------------------------
    def assignments(self, incident_id: str) -> list[Assignment]:
        rows = self.session.scalars(
            select(RoleAssignmentRow)
            .where(RoleAssignmentRow.incident_id == incident_id)
            .order_by(RoleAssignmentRow.at, RoleAssignmentRow.id)
        )
        return [assignment_from_row(r) for r in rows]

    # -- questions ------------------------------------------------------------------
    def question_events(self, incident_id: str) -> list[QuestionEvent]:
        rows = self.session.scalars(select(QuestionStateRow).where(QuestionStateRow.incident_id == incident_id))
        return [question_from_row(r) for r in rows]

    # -- handovers ------------------------------------------------------------------
    def handovers(self, incident_id: str) -> list[Handover]:
        """Each kept handover with the brief its reader saw, oldest first."""
        rows = self.session.scalars(
            select(HandoverRow).where(HandoverRow.incident_id == incident_id).order_by(HandoverRow.at, HandoverRow.id)
        )
        return [
            Handover(
                id=r.id,
                incident_id=r.incident_id,
                from_person=r.from_person,
                to_person=r.to_person,
                note=r.note or "",
                at=r.at,
                author=r.author,
                brief=HandoverBrief.from_json(r.brief),
                entry_id=r.entry_id,
            )
            for r in rows
        ]
