"""Open questions and hypotheses: timeline entries marked as such, and later settled.

Each change of state is a history row; an entry's question is the latest one. A settled
question names the entry that settled it (a hypothesis confirmed or ruled out, a question
answered), so the reader can follow the reasoning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from warroom.domain.choices import parse_choice, spaced_choice
from warroom.domain.errors import ValidationError


class QuestionKind(str, Enum):
    QUESTION = "question"
    HYPOTHESIS = "hypothesis"

    @classmethod
    def parse(cls, text: str) -> QuestionKind:
        return parse_choice(cls, text, "kind", hint="question or hypothesis")


class QuestionState(str, Enum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    RULED_OUT = "ruled out"
    ANSWERED = "answered"

    @classmethod
    def parse(cls, text: str) -> QuestionState:
        return parse_choice(cls, text, "outcome", fold=spaced_choice, hint="confirmed, ruled out or answered")


@dataclass(frozen=True)
class Question:
    """An entry's current question state, with its text for lists and briefs."""

    entry_id: str
    incident_id: str
    kind: QuestionKind
    state: QuestionState
    text: str
    raised_at: datetime
    raised_by: str
    settled_by: str | None = None  # the entry that settled it
    settled_text: str = ""
    settled_at: datetime | None = None

    @property
    def open(self) -> bool:
        return self.state is QuestionState.OPEN


@dataclass(frozen=True)
class QuestionEvent:
    id: str
    incident_id: str
    entry_id: str
    kind: QuestionKind
    state: QuestionState
    at: datetime
    author: str
    settled_by: str | None = None


def latest_questions(events: Iterable[QuestionEvent], texts: dict[str, str]) -> list[Question]:
    """One Question per marked entry, from its history; `texts` maps entry id -> entry text."""
    first: dict[str, QuestionEvent] = {}
    last: dict[str, QuestionEvent] = {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        first.setdefault(event.entry_id, event)
        last[event.entry_id] = event
    questions = []
    for entry_id, event in last.items():
        raised = first[entry_id]
        settled = event.state is not QuestionState.OPEN
        questions.append(
            Question(
                entry_id=entry_id,
                incident_id=event.incident_id,
                kind=event.kind,
                state=event.state,
                text=texts.get(entry_id, ""),
                raised_at=raised.at,
                raised_by=raised.author,
                settled_by=event.settled_by if settled else None,
                settled_text=texts.get(event.settled_by or "", "") if settled else "",
                settled_at=event.at if settled else None,
            )
        )
    return sorted(questions, key=lambda q: (not q.open, q.raised_at, q.entry_id))


def check_outcome(kind: QuestionKind, state: QuestionState) -> None:
    """A hypothesis is confirmed or ruled out; a question is answered."""
    if state is QuestionState.OPEN:
        return
    allowed = (
        (QuestionState.CONFIRMED, QuestionState.RULED_OUT)
        if kind is QuestionKind.HYPOTHESIS
        else (QuestionState.ANSWERED,)
    )
    if state not in allowed:
        names = " or ".join(s.value for s in allowed)
        raise ValidationError(f"A {kind.value} is settled as {names}, not {state.value}.")
