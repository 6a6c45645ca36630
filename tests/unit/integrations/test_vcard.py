"""vCard import: 2.1/3.0/4.0 cards, folding, quoted-printable, charsets, escapes, errors."""

from __future__ import annotations

import pytest

from warroom.domain.errors import ValidationError
from warroom.integrations.vcard import parse_vcards

CARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Åsa Bergström\r\n"
    "N:Bergström;Åsa;;;\r\n"
    "ORG:Integra Meddelande AB;Support\r\n"
    "TITLE:Integration spe\r\n"
    " cialist\r\n"
    "TEL;TYPE=work,voice:+46 73 555 44 10\r\n"
    "TEL;TYPE=cell,pref:070-555 12 34\r\n"
    "EMAIL;TYPE=internet:asa.bergstrom@integra.example\r\n"
    "NOTE:Knows every route\\, even the old ones\\nSecond line\r\n"
    "END:VCARD\r\n"
)

CARD_21_QP = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:Wi=B6niewski;Pawe=B3\r\n"
    "ORG;CHARSET=UTF-8;QUOTED-PRINTABLE:Baltic Perimeter Sp. z o.o.\r\n"
    "TITLE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Technik zap=C3=B3r ogniowych, =\r\n"
    "firewall\r\n"
    "TEL;WORK;VOICE:+48 22 555 61 23\r\n"
    "EMAIL;INTERNET:pawel.wisniewski@baltic-perimeter.example\r\n"
    "END:VCARD\r\n"
)

CARD_40 = (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Ọlá Adéwálé 東京\n"
    'TEL;VALUE=uri;TYPE="voice,work":tel:+44-20-7946-0958\n'
    "EMAIL;PREF=1:ola@example.com\n"
    "EMAIL:other@example.com\n"
    "TZ:Asia/Tokyo\n"
    "item1.X-ABLabel:ignored\n"
    "END:VCARD\n"
)


def test_three_cards_in_three_versions() -> None:
    cards = parse_vcards((CARD_30 + CARD_21_QP + CARD_40).encode("utf-8"), default_region="SE")
    asa, pawel, ola = cards
    assert asa.organization == "Integra Meddelande AB"
    assert asa.contact.name == "Åsa Bergström"
    assert asa.contact.role == "Integration specialist"  # folded line joined
    assert asa.contact.phones == ("+46705551234", "+46735554410")  # preferred first, E.164
    assert asa.contact.email == "asa.bergstrom@integra.example"
    assert asa.contact.notes == "Knows every route, even the old ones\nSecond line"
    assert asa.line == 1
    assert pawel.contact.name == "Paweł Wiśniewski"  # from N in ISO-8859-2 quoted-printable
    assert pawel.contact.role == "Technik zapór ogniowych, firewall"  # soft line break
    assert pawel.organization == "Baltic Perimeter Sp. z o.o."
    assert pawel.contact.phones == ("+48225556123",) and pawel.line == 13
    assert ola.contact.name == "Ọlá Adéwálé 東京" and ola.organization is None
    assert ola.contact.phones == ("+442079460958",)
    assert ola.contact.email == "ola@example.com" and ola.contact.timezone == "Asia/Tokyo"


def test_byte_order_mark_and_str_input() -> None:
    assert parse_vcards("\ufeff" + CARD_40) == parse_vcards(CARD_40.encode("utf-8"))


def test_eight_bit_value_in_declared_charset() -> None:
    data = b"BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=ISO-8859-1:G\xf6ran Lindqvist\nEND:VCARD\n"
    assert parse_vcards(data)[0].contact.name == "Göran Lindqvist"


def test_offset_timezone_is_ignored() -> None:
    card = CARD_40.replace("TZ:Asia/Tokyo", "TZ:-05:00")
    assert parse_vcards(card)[0].contact.timezone is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello world", "contacts.vcf is not a vCard file: line 1 should be BEGIN:VCARD, not 'hello world'."),
        (b"", "is not a vCard file"),
        (
            b"BEGIN:VCARD\nVERSION:3.0\nFN:G\xf6ran\nEND:VCARD\n",
            "contacts.vcf line 3, property 'FN': the value is not valid utf-8 text",
        ),
        (b"BEGIN:VCARD\nFN;CHARSET=klingon:x\nEND:VCARD\n", "line 2, property 'FN': 'klingon' is not a character set"),
        (
            b"BEGIN:VCARD\nVERSION:3.0\nFN:x\nTEL:12\nEND:VCARD\n",
            "line 4, property 'TEL': '12' is not a valid phone number (start it with + and the country code).",
        ),
        (
            b"BEGIN:VCARD\nFN:x\nEMAIL:not-an-email\nEND:VCARD\n",
            "line 3, property 'EMAIL': 'not-an-email' is not an email",
        ),
        (b"BEGIN:VCARD\nVERSION:3.0\nTITLE:boss\nEND:VCARD\n", "line 1: the card has no name (FN or N)."),
        (b"BEGIN:VCARD\nFN:x\n", "line 1: the card has no END:VCARD."),
        (b"BEGIN:VCARD\nFN:x\nBEGIN:VCARD\n", "line 3, property 'BEGIN': a new card starts before"),
        (b"BEGIN:VCARD\nFN:x\nEND:VCARD\nFN:stray\n", "line 4, property 'FN': is outside"),
        (b"BEGIN:VCARD\nVERSION:9.9\nFN:x\nEND:VCARD\n", "line 2, property 'VERSION': '9.9' is not a vCard version"),
        (b"BEGIN:VCARD\nno colon here\nEND:VCARD\n", "line 2: 'no colon here' is not a vCard property"),
    ],
)
def test_bad_input_names_the_line(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_vcards(data)
    assert message in str(caught.value)


def test_local_number_uses_the_default_region() -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Elin\nTEL:070-555 12 34\nEND:VCARD\n"
    assert parse_vcards(card, default_region="SE")[0].contact.phones == ("+46705551234",)
    with pytest.raises(ValidationError, match="line 4, property 'TEL'"):
        parse_vcards(card)
