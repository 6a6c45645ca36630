"""Reading the change record, role assignments, question states and handovers.

Writes go through the unit of work's replicator, like every replicated table; everything but a
change record is history, appended and never changed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warroom.domain.changes_record import Change, ChangeKind, ChangeMark, MarkEvent, with_marks
from warroom.domain.roles import Assignment
from warroom.domain.roles_questions import QuestionEvent, QuestionKind, QuestionState
from warroom.store.models import ChangeMarkRow, ChangeRecordRow, HandoverRow, QuestionStateRow, RoleAssignmentRow


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


class RoleRepository:
    """Changes with their marks, role history, question history and kept handovers."""

    def __init__(self, session: Session, writer: Any = None) -> None:
        self.session = session
        self.writer = writer

    @classmethod
    def of(cls, uow: Any) -> RoleRepository:
        assert uow.session is not None
        return cls(uow.session, uow.writer)

    # -- writes -------------------------------------------------------------------
    def add_change(self, fields: dict[str, Any]) -> None:
        self.writer.create("change_records", fields)

    def add_change_mark(self, fields: dict[str, Any]) -> None:
        self.writer.append("change_marks", fields)

    def add_assignment(self, fields: dict[str, Any]) -> None:
        self.writer.append("role_assignments", fields)

    def add_question_state(self, fields: dict[str, Any]) -> None:
        self.writer.append("question_states", fields)

    def add_handover(self, fields: dict[str, Any]) -> None:
        self.writer.append("handovers", fields)

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
    def handover_rows(self, incident_id: str) -> list[dict]:
        """Each kept handover as a plain dict (the brief is JSON), oldest first."""
        rows = self.session.scalars(
            select(HandoverRow).where(HandoverRow.incident_id == incident_id).order_by(HandoverRow.at, HandoverRow.id)
        )
        return [
            {
                "id": r.id,
                "incident_id": r.incident_id,
                "from_person": r.from_person,
                "to_person": r.to_person,
                "note": r.note or "",
                "brief": r.brief,
                "at": r.at,
                "author": r.author,
                "entry_id": r.entry_id,
            }
            for r in rows
        ]
