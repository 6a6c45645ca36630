"""Checks for pulled rows of the roles tables, as the hub's change validation runs them.

Each takes a row in its wire form (instants as ISO text) and raises ValidationError with one
sentence, using the same rules a local write goes through. The sync layer's table of row checks
takes these with `ROW_CHECKS.update(ROLES_ROW_CHECKS)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from warroom.domain.changes_record import ChangeKind, ChangeMark, clean_service
from warroom.domain.errors import ValidationError
from warroom.domain.handover import HandoverBrief
from warroom.domain.roles import clean_role
from warroom.domain.roles_questions import QuestionKind, QuestionState, check_outcome

Row = dict[str, Any]


def _exact(parse: Callable[[str], Any], value: Any, what: str) -> Any:
    parsed = parse(value)
    if parsed.value != value:
        raise ValidationError(f"The {what} {value!r} is not stored as {parsed.value!r}.")
    return parsed


def _change(row: Row) -> None:
    _exact(ChangeKind.parse, row["kind"], "change kind")
    clean_service(row["service"])


def _mark(row: Row) -> None:
    _exact(ChangeMark.parse, row["mark"], "change mark")


def _assignment(row: Row) -> None:
    if clean_role(row["role"]) != row["role"]:
        raise ValidationError(f"The role {row['role']!r} is not stored as {clean_role(row['role'])!r}.")


def _question(row: Row) -> None:
    kind = _exact(QuestionKind.parse, row["kind"], "question kind")
    check_outcome(kind, _exact(QuestionState.parse, row["state"], "question state"))


def _handover(row: Row) -> None:
    try:
        HandoverBrief.from_json(row["brief"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ValidationError("The handover's brief is not a brief Warroom wrote.") from None
    if not str(row["to_person"]).strip():
        raise ValidationError("A handover names who took over.")


ROLES_ROW_CHECKS: dict[str, Callable[[Row], None]] = {
    "change_records": _change,
    "change_marks": _mark,
    "role_assignments": _assignment,
    "question_states": _question,
    "handovers": _handover,
}
