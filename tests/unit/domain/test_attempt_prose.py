"""What a line of prose says about a call: its outcome and the vendor's ticket number."""

from __future__ import annotations

import pytest

from warroom.domain.attempt_prose import files_a_ticket, outcome_in_prose, ticket_in_prose
from warroom.domain.directory import Outcome


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Called the firewall technician: no answer (annual leave)", Outcome.NO_ANSWER),
        ("Pager sent, no reply after 10 min", Outcome.NO_ANSWER),
        ("Left a message on the duty phone", Outcome.VOICEMAIL),
        ("Kronan acknowledged the case", Outcome.ACKNOWLEDGED),
        ("Ticket BP-20131227-04 filed with the firewall operator", Outcome.TICKET_FILED),
        ("Filed a ticket via the portal", Outcome.TICKET_FILED),
        ("Duty manager reached: rules installed in production only", Outcome.REACHED),
        ("ticket filed, no answer on the hotline", Outcome.NO_ANSWER),  # a refusal outranks the queue
        ("Spoke about the weather", None),
    ],
)
def test_the_words_name_the_outcome_or_none(text, outcome):
    assert outcome_in_prose(text) is outcome


def test_the_ticket_number_after_the_word_and_a_queue_is_not_a_person():
    assert ticket_in_prose("Ticket BP-20131227-04 filed") == "BP-20131227-04"
    assert ticket_in_prose("filed ticket #4471 on the portal") == "4471"
    assert ticket_in_prose("no ticket yet") == ""
    assert files_a_ticket("via the portal") and not files_a_ticket("Reached Åsa by phone")
