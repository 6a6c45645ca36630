"""Escalation advice: first level with someone reachable, passed-over levels, when nobody is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.unit.integrations.directory_scenario import load_scenario
from warroom.domain.directory import Absence, Contact, EscalationLevel, Vendor
from warroom.domain.escalation import advise
from warroom.domain.ids import new_id

UTC = UTC
STOCKHOLM = ZoneInfo("Europe/Stockholm")
CHRISTMAS_EVE_10 = datetime.fromisoformat("2013-12-24T10:00+01:00")


@pytest.fixture(scope="module")
def scenario():
    return load_scenario()


def names(scenario, availabilities) -> list[str]:
    by_id = {c.id: c.name for c in scenario.contacts}
    return [by_id[a.contact_id] for a in availabilities]


def test_kronan_skips_the_closed_service_desk_to_the_on_call_dba(scenario) -> None:
    kronan = scenario.vendor("Kronan Datacenter AB")
    advice = advise(kronan, scenario.contacts, scenario.levels, scenario.absences, CHRISTMAS_EVE_10)
    assert advice.call_level == 2
    assert names(scenario, advice.call_now) == ["Elin Sjöberg"]
    assert advice.escalate_at == CHRISTMAS_EVE_10 + timedelta(minutes=45)
    assert [lv.level for lv in advice.passed_over] == [1]
    assert advice.levels[0].contacts[0].reason == "Christmas Eve (SE)"
    assert [lv.reachable for lv in advice.levels] == [False, True, False]
    assert advice.next_reachable_at is None and advice.not_on_path == ()


def test_baltic_perimeter_reaches_only_the_duty_manager_at_the_last_level(scenario) -> None:
    baltic = scenario.vendor("Baltic Perimeter Sp. z o.o.")
    advice = advise(baltic, scenario.contacts, scenario.levels, scenario.absences, CHRISTMAS_EVE_10)
    assert advice.call_level == 3
    assert names(scenario, advice.call_now) == ["Duty manager"]
    assert advice.escalate_at is None  # the last level: nowhere to go next
    reasons = [lv.contacts[0].reason for lv in advice.passed_over]
    assert reasons == ["Office closed for Christmas through 2013-12-26", "Annual leave through 2014-01-02"]


def test_integra_has_nobody_and_says_when_and_who(scenario) -> None:
    integra = scenario.vendor("Integra Meddelande AB")
    advice = advise(integra, scenario.contacts, scenario.levels, scenario.absences, CHRISTMAS_EVE_10)
    assert advice.call_now == () and advice.call_level is None and advice.escalate_at is None
    assert advice.next_reachable_at == datetime(2013, 12, 27, 7, 0, tzinfo=STOCKHOLM)
    assert advice.next_reachable_contact_id == scenario.contact("Support desk").id
    assert len(advice.passed_over) == 2


def test_nordvik_calls_the_noc_first(scenario) -> None:
    nordvik = scenario.vendor("Nordvik Nät AB")
    advice = advise(nordvik, scenario.contacts, scenario.levels, scenario.absences, CHRISTMAS_EVE_10)
    assert advice.call_level == 1 and names(scenario, advice.call_now) == ["Network operations centre"]
    assert advice.escalate_at == CHRISTMAS_EVE_10 + timedelta(minutes=20)
    assert advice.passed_over == ()


def _small_vendor() -> tuple[Vendor, list[Contact]]:
    vendor = Vendor(
        new_id(), "Ọlá Networks", ("edge",), "SE", None, ("public",), "Europe/Stockholm", "Mon-Fri 08:00-17:00"
    )
    people = [Contact(new_id(), vendor.id, name, "", (), None, None, None) for name in ("A", "B", "C")]
    return vendor, people


def test_several_contacts_on_a_level_and_someone_off_the_path() -> None:
    vendor, (a, b, c) = _small_vendor()
    leave = Absence(
        new_id(), vendor.id, a.id, datetime(2013, 12, 2, tzinfo=UTC), datetime(2013, 12, 7, tzinfo=UTC), "Sick"
    )
    levels = [EscalationLevel(new_id(), vendor.id, 1, (a.id, b.id), 15)]
    at = datetime(2013, 12, 3, 9, 0, tzinfo=UTC)
    advice = advise(vendor, [a, b, c], levels, [leave], at)
    assert [x.contact_id for x in advice.levels[0].contacts] == [a.id, b.id]
    assert [x.contact_id for x in advice.call_now] == [b.id]
    assert advice.escalate_at is None  # only level
    assert [x.contact_id for x in advice.not_on_path] == [c.id]


def test_levels_are_walked_in_level_order_whatever_the_input_order() -> None:
    vendor, (a, b, _) = _small_vendor()
    levels = [
        EscalationLevel(new_id(), vendor.id, 2, (b.id,), None),
        EscalationLevel(new_id(), vendor.id, 1, (a.id,), 30),
    ]
    at = datetime(2013, 12, 3, 9, 0, tzinfo=UTC)
    advice = advise(vendor, [a, b], levels, [], at)
    assert [lv.level for lv in advice.levels] == [1, 2]
    assert advice.call_level == 1 and advice.escalate_at == at + timedelta(minutes=30)


def test_no_path_means_call_whoever_is_reachable() -> None:
    vendor, people = _small_vendor()
    advice = advise(vendor, people, [], [], datetime(2013, 12, 3, 9, 0, tzinfo=UTC))
    assert advice.levels == () and advice.call_level is None
    assert len(advice.call_now) == 3 and len(advice.not_on_path) == 3
    night = advise(vendor, people, [], [], datetime(2013, 12, 3, 22, 0, tzinfo=UTC))
    assert night.call_now == ()
    assert night.next_reachable_at == datetime(2013, 12, 4, 7, 0, tzinfo=UTC)


def test_after_a_level_went_unanswered_the_advice_starts_above_it(scenario) -> None:
    """The escalation banner's question: level 2 did not acknowledge in time; whom now?"""
    kronan = scenario.vendor("Kronan Datacenter AB")
    advice = advise(kronan, scenario.contacts, scenario.levels, scenario.absences, CHRISTMAS_EVE_10, tried_up_to=2)
    assert advice.call_level != 2 and "Elin Sjöberg" not in names(scenario, advice.call_now)
    assert [lv.level for lv in advice.passed_over][:2] == [1, 2]
    same = advise(kronan, scenario.contacts, scenario.levels, scenario.absences, CHRISTMAS_EVE_10, tried_up_to=0)
    assert same.call_level == 2  # nothing tried: the usual advice
