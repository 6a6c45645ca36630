"""Open questions and hypotheses: mark a timeline entry, settle it with a link to the entry that did."""

from __future__ import annotations

from typing import Any

from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.ids import new_id
from warroom.domain.roles_questions import (
    Question,
    QuestionEvent,
    QuestionKind,
    QuestionState,
    check_outcome,
    latest_questions,
)
from warroom.services.context import ServiceContext


def incident_questions(uow: Any, incident_id: str) -> list[Question]:
    """Every marked entry's question, open ones first, read in an open unit of work."""
    events = uow.repos.roles.question_events(incident_id)
    wanted = {e.entry_id for e in events} | {e.settled_by for e in events if e.settled_by}
    texts = {}
    for entry_id in wanted:
        entry = uow.repos.timeline.get(entry_id)
        if entry is not None:
            texts[entry_id] = entry.text
    return latest_questions(events, texts)


class QuestionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def mark(self, entry_id: str, kind: QuestionKind | str = QuestionKind.QUESTION) -> Question:
        """Mark an entry as an open question or hypothesis (again open, if it was settled)."""
        kind = kind if isinstance(kind, QuestionKind) else QuestionKind.parse(kind)
        return self._record(entry_id, kind, QuestionState.OPEN, None)

    def settle(self, entry_id: str, outcome: QuestionState | str, settled_by: str) -> Question:
        """Confirm or rule out a hypothesis, or answer a question, naming the entry that settled it."""
        state = outcome if isinstance(outcome, QuestionState) else QuestionState.parse(outcome)
        if state is QuestionState.OPEN:
            raise ValidationError("Settle it as confirmed, ruled out or answered; 'mark' reopens a question.")
        return self._record(entry_id, None, state, settled_by)

    def _record(
        self, entry_id: str, kind: QuestionKind | None, state: QuestionState, settled_by: str | None
    ) -> Question:
        with self.ctx.store.unit_of_work() as uow:
            entry = uow.repos.timeline.get(entry_id)
            if entry is None:
                raise NotFoundError("That timeline entry does not exist (removed on another laptop?).")
            current = next((q for q in incident_questions(uow, entry.incident_id) if q.entry_id == entry_id), None)
            if kind is None:
                if current is None:
                    raise ValidationError("That entry is not an open question or hypothesis: mark it first.")
                kind = current.kind
            check_outcome(kind, state)
            if settled_by is not None:
                self._check_settler(uow, entry, settled_by)
            event = QuestionEvent(
                id=new_id(), incident_id=entry.incident_id, entry_id=entry_id, kind=kind, state=state,
                at=self.ctx.now(), author=self.ctx.user_name, settled_by=settled_by,
            )  # fmt: skip
            uow.repos.roles.add_question_state(event)
            uow.commit()
            return next(q for q in incident_questions(uow, entry.incident_id) if q.entry_id == entry_id)

    @staticmethod
    def _check_settler(uow: Any, entry: Any, settled_by: str) -> None:
        settler = uow.repos.timeline.get(settled_by)
        if settler is None or settler.incident_id != entry.incident_id:
            raise ValidationError("Settle it with an entry of the same incident: the one that answered it.")
        if settler.id == entry.id:
            raise ValidationError("An entry cannot settle itself: pick the entry that answered it.")

    def questions(self, incident_id: str, *, open_only: bool = False) -> list[Question]:
        with self.ctx.store.unit_of_work() as uow:
            found = incident_questions(uow, incident_id)
        return [q for q in found if q.open] if open_only else found
