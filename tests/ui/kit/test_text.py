"""User text as a view shows it: bidirectional controls made visible, everything else as typed."""

from __future__ import annotations

from warroom.domain.safe_text import BIDI_CONTROLS
from warroom.ui.kit.text import BIDI_NAMES, shown


def test_every_bidi_control_the_exports_neutralise_has_a_visible_name():
    assert set(BIDI_NAMES) == BIDI_CONTROLS
    assert all(shown(f"a{c}b") == f"a⟨{BIDI_NAMES[c]}⟩b" for c in BIDI_CONTROLS)


def test_an_override_no_longer_reorders_the_name_and_other_text_is_untouched():
    assert shown("invoice\u202egnp.exe") == "invoice⟨RLO⟩gnp.exe"
    assert shown("\u2067שלום\u2069 and \u200f") == "⟨RLI⟩שלום⟨PDI⟩ and ⟨RLM⟩"
    plain = "Paweł Wiśniewski · 東京 🚒\ttab"
    assert shown(plain) is plain and shown("") == ""
