"""Roles as history: names, holders, tenures, and the words of a role change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.errors import ValidationError
from warroom.domain.roles import Assignment, assignment_text, clean_role, current_holders, holder, roles_of, tenures
from warroom.domain.roles_questions import QuestionKind, QuestionState, check_outcome

T0 = datetime(2013, 12, 24, 6, 0, tzinfo=UTC)


def assign(n: int, role: str, person: str, vendor: str | None = None) -> Assignment:
    return Assignment(f"a{n:02d}", "inc", role, person, T0 + timedelta(hours=n), "Åsa", vendor, vendor or "")


def test_role_names_fold_aliases_and_keep_custom_words():
    assert clean_role(" Comms-Lead ") == "communications lead"
    assert clean_role("IC") == "commander"
    assert clean_role("Database  whisperer") == "Database whisperer"
    with pytest.raises(ValidationError, match="Name the role"):
        clean_role("  ")
    with pytest.raises(ValidationError, match="at most 60"):
        clean_role("x" * 61)


def test_the_latest_assignment_holds_and_an_empty_person_vacates():
    history = [
        assign(0, "commander", "Åsa"), assign(1, "scribe", "Paweł"), assign(2, "commander", "Ọlá"),
        assign(3, "vendor owner", "Paweł", "Nordic Firewall AB"), assign(4, "scribe", ""),
        assign(5, "vendor owner", "Åsa", "Kronan Datacenter AB"),
    ]  # fmt: skip
    assert [(a.title(), a.person) for a in current_holders(history)] == [
        ("commander", "Ọlá"), ("vendor owner of Kronan Datacenter AB", "Åsa"),
        ("vendor owner of Nordic Firewall AB", "Paweł"),
    ]  # fmt: skip
    assert holder(history, "Commander") == "Ọlá" and holder(history, "scribe") == ""
    assert roles_of(history, "paweł") == ["vendor owner of Nordic Firewall AB"]
    spans = [(t.title(), t.person, t.until is not None) for t in tenures(history)]
    assert spans[:3] == [("commander", "Åsa", True), ("commander", "Ọlá", False), ("scribe", "Paweł", True)]


def test_role_change_sentences():
    assert assignment_text("scribe", "Paweł", "") == "Paweł is now scribe"
    assert assignment_text("commander", "Ọlá", "Åsa") == "Ọlá is now commander (was Åsa)"
    assert assignment_text("scribe", "", "Paweł") == "Role scribe vacated (was Paweł)"


def test_a_hypothesis_is_confirmed_or_ruled_out_and_a_question_answered():
    check_outcome(QuestionKind.HYPOTHESIS, QuestionState.RULED_OUT)
    check_outcome(QuestionKind.QUESTION, QuestionState.ANSWERED)
    with pytest.raises(ValidationError, match="confirmed or ruled out, not answered"):
        check_outcome(QuestionKind.HYPOTHESIS, QuestionState.ANSWERED)


def test_pulled_rows_are_checked_with_the_local_rules():
    from warroom.domain.roles_checks import ROLES_ROW_CHECKS as checks

    checks["change_records"]({"kind": "deploy", "service": "checkout"})
    checks["change_marks"]({"mark": "ruled out"})
    checks["role_assignments"]({"role": "Database whisperer"})
    checks["question_states"]({"kind": "hypothesis", "state": "confirmed"})
    for table, row, reason in (
        ("change_records", {"kind": "rollout", "service": "x"}, "Unknown change kind"),
        ("change_marks", {"mark": "ruled-out"}, "not stored as 'ruled out'"),
        ("role_assignments", {"role": "IC"}, "not stored as 'commander'"),
        ("question_states", {"kind": "question", "state": "confirmed"}, "settled as answered"),
        ("handovers", {"brief": {"sections": 3}, "to_person": "Åsa"}, "not a brief Warroom wrote"),
    ):
        with pytest.raises(ValidationError, match=reason):
            checks[table](row)
