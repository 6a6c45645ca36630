"""Open questions and hypotheses on a real SQLite store."""

from __future__ import annotations

import pytest

from warroom.domain.errors import ValidationError
from warroom.domain.roles_questions import QuestionKind, QuestionState
from warroom.services.incidents import IncidentService
from warroom.services.roles.questions import QuestionService
from warroom.services.timeline import TimelineService


def test_mark_settle_and_list(ctx):
    incident = IncidentService(ctx).open("Packages cut in half", "SEV1")
    timeline = TimelineService(ctx)
    guess = timeline.add(incident.id, "Maybe the new firewall layer drops large packets").entry
    ask = timeline.add(incident.id, "Who runs the layer between DMZ and 東京?").entry
    proof = timeline.add(incident.id, "tcpdump: packets > 1400 bytes vanish at the firewall").entry
    questions = QuestionService(ctx)
    questions.mark(guess.id, "hypothesis")
    questions.mark(ask.id)
    assert [(q.kind, q.text) for q in questions.questions(incident.id, open_only=True)] == [
        (QuestionKind.HYPOTHESIS, guess.text), (QuestionKind.QUESTION, ask.text),
    ]  # fmt: skip
    settled = questions.settle(guess.id, "confirmed", proof.id)
    assert settled.state is QuestionState.CONFIRMED and settled.settled_text == proof.text
    assert [q.entry_id for q in questions.questions(incident.id, open_only=True)] == [ask.id]
    assert [q.entry_id for q in questions.questions(incident.id)] == [ask.id, guess.id]
    with pytest.raises(ValidationError, match="settled as answered, not confirmed"):
        questions.settle(ask.id, "confirmed", proof.id)
    with pytest.raises(ValidationError, match="cannot settle itself"):
        questions.settle(ask.id, "answered", ask.id)
    with pytest.raises(ValidationError, match="mark it first"):
        questions.settle(proof.id, "answered", ask.id)
    assert questions.mark(guess.id, "hypothesis").open  # reopened: history keeps the confirmation
