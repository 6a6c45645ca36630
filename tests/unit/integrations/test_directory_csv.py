"""Directory CSV: the scenario file, validation with line and column, round trip, JSON."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.unit.integrations.directory_scenario import build_directory, scenario_file
from warroom.domain.directory import Contact
from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id
from warroom.integrations.directory_csv import COLUMNS, export_csv, export_json, parse_directory_csv
from warroom.integrations.directory_records import ContactRecord, match_contact, vendor_key

BASE = {
    "vendor": "Kronan Datacenter AB",
    "layers": "database servers;application servers",
    "contact": "Service desk",
    "role": "First line",
    "phone": "+46 8 555 010 00",
    "email": "servicedesk@kronan-dc.example",
    "timezone": "Europe/Stockholm",
    "country": "SE",
    "subdivision": "",
    "holiday_categories": "public;de_facto",
    "hours": "Mon-Fri 08:00-17:00",
    "escalation_level": "1",
    "escalate_after_min": "30",
    "always_on_call": "no",
    "sla_response_min": "60",
    "notes": "",
}


def csv_text(*rows: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**BASE, **row})
    return out.getvalue()


def second(**changes) -> dict:
    return {
        "contact": "Elin Sjöberg",
        "email": "elin@kronan-dc.example",
        "phone": "+46705551234",
        "escalation_level": "2",
        "escalate_after_min": "45",
        **changes,
    }


# --- the scenario file ---------------------------------------------------------------


def test_scenario_file() -> None:
    imported = parse_directory_csv(scenario_file("vendors.csv"))
    assert [v.name for v in imported.vendors] == [
        "Kronan Datacenter AB",
        "Integra Meddelande AB",
        "Nordvik Nät AB",
        "Baltic Perimeter Sp. z o.o.",
    ]
    kronan, integra, nordvik, baltic = imported.vendors
    assert kronan.layers == ("database servers", "application servers")
    assert kronan.holiday_categories == ("public", "de_facto") and nordvik.holiday_categories == ("public",)
    assert (kronan.hours, kronan.timezone, kronan.sla_response_min) == ("Mon-Fri 08:00-17:00", "Europe/Stockholm", 60)
    elin = kronan.contacts[1]
    assert (elin.name, elin.hours, elin.always_on_call, elin.phones) == (
        "Elin Sjöberg",
        "24/7",
        True,
        ("+46705551234",),
    )
    assert kronan.contacts[0].hours is None  # the vendor's
    assert [(lv.level, lv.wait_min, lv.contacts) for lv in kronan.levels] == [
        (1, 30, ("Service desk",)),
        (2, 45, ("Elin Sjöberg",)),
        (3, None, ("Göran Lindqvist",)),
    ]
    assert baltic.country == "PL" and baltic.contacts[0].phones == ()
    assert baltic.contacts[1].name == "Paweł Wiśniewski" and baltic.contacts[1].line == 10
    assert integra.contacts[1].name == "Åsa Bergström"


def test_byte_order_mark_is_ignored() -> None:
    data = scenario_file("vendors.csv")
    assert parse_directory_csv(b"\xef\xbb\xbf" + data) == parse_directory_csv(data)


def test_latin1_file_is_refused_with_line_and_column() -> None:
    text = csv_text({}, second(contact="Göran Lindqvist", email="goran@kronan-dc.example"))
    with pytest.raises(ValidationError) as caught:
        parse_directory_csv(text.encode("latin-1"))
    message = str(caught.value)
    assert message.startswith("vendors.csv line 3, column 'contact': byte 0xF6 is not UTF-8")
    assert "Latin-1" in message and "save it as UTF-8" in message


def test_utf16_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="UTF-16"):
        parse_directory_csv(csv_text({}).encode("utf-16"))


# --- bad input: the first bad row names its line and column ---------------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            second(hours="Mon-Fri 09:00-25:00"),
            "vendors.csv line 3, column 'hours': '25:00' is not a time of day (use HH:MM, 00:00-24:00).",
        ),
        (second(hours="Mon-Fro 09:00-17:00"), "line 3, column 'hours': 'Fro' is not a day"),
        (second(phone="+46 8 12"), "line 3, column 'phone': '+46 8 12' is not a valid phone number"),
        (second(phone="+46705551234;12"), "line 3, column 'phone': '12' is not a valid phone number for SE"),
        (second(email="elin at kronan"), "line 3, column 'email': 'elin at kronan' is not an email address"),
        (second(timezone="Europe/Stokholm"), "line 3, column 'timezone': 'Europe/Stokholm' is not a known time zone"),
        (second(always_on_call="sometimes"), "line 3, column 'always_on_call': 'sometimes' is not yes or no"),
        (second(escalation_level="first"), "line 3, column 'escalation_level': 'first' is not a level number"),
        (second(escalate_after_min="soon"), "line 3, column 'escalate_after_min': 'soon' is not a whole number"),
        (
            second(escalation_level="", escalate_after_min="10"),
            "line 3, column 'escalate_after_min': '10' minutes to wait, but no escalation_level",
        ),
        (
            second(escalation_level="1", escalate_after_min="10"),
            "line 3, column 'escalate_after_min': '10' differs from '30' on line 2",
        ),
        (second(contact="Service desk", email=""), "line 3, column 'contact': 'Service desk' is already on line 2"),
        (second(email="SERVICEDESK@kronan-dc.example"), "line 3, column 'email'"),
        (second(country="NO"), "line 3, column 'country': 'NO' differs from line 2"),
        (second(layers="network"), "line 3, column 'layers': 'network' differs from line 2"),
        (second(holiday_categories="public"), "line 3, column 'holiday_categories': 'public' differs"),
        (second(contact="", role="DBA"), "line 3, column 'contact': is empty, but the row has a value in 'role'"),
        (
            {"vendor": "Baltic", "country": "PL", "timezone": "Europe/Warsaw"},
            "line 3, column 'holiday_categories': 'de_facto' is not a holiday category of PL",
        ),
        ({"vendor": "Nowhere", "country": "XX"}, "line 3, column 'country': 'XX' is not a country"),
        (
            {"vendor": "Bayern GmbH", "country": "DE", "subdivision": "ZZ", "holiday_categories": "public"},
            "line 3, column 'subdivision': 'ZZ' is not a subdivision of DE",
        ),
        ({"vendor": "New AB", "timezone": ""}, "line 3, column 'timezone': is empty, and a vendor needs it."),
        ({"vendor": "  "}, "line 3, column 'vendor': the vendor name is empty."),
    ],
)
def test_bad_row_is_named_by_line_and_column(row: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        parse_directory_csv(csv_text({}, row))


def test_header_problems() -> None:
    with pytest.raises(ValidationError, match="line 1: unknown column 'hour'"):
        parse_directory_csv(csv_text({}).replace(",hours,", ",hour,", 1))
    with pytest.raises(ValidationError, match="line 1: the column 'notes' is missing"):
        parse_directory_csv("\n".join(line.rsplit(",", 1)[0] for line in csv_text({}).splitlines()))
    with pytest.raises(ValidationError, match="is empty: it needs a header line"):
        parse_directory_csv(b"")
    with pytest.raises(ValidationError, match="has a header but no vendors"):
        parse_directory_csv(",".join(COLUMNS) + "\n\n")


def test_row_with_wrong_field_count() -> None:
    text = csv_text({}) + "Kronan Datacenter AB,too,few\n"
    with pytest.raises(ValidationError, match="vendors.csv line 3 has 3 fields, but the header has 16"):
        parse_directory_csv(text, source="vendors.csv")


def test_nothing_is_returned_when_a_later_row_is_bad() -> None:
    text = csv_text(
        {}, second(), {"vendor": "Integra", "contact": "X", "email": "x@integra.example", "phone": "not a phone"}
    )
    with pytest.raises(ValidationError, match="line 4, column 'phone'"):
        parse_directory_csv(text)


# --- round trip and natural keys -------------------------------------------------------------


def test_export_reads_back_unchanged() -> None:
    imported = parse_directory_csv(scenario_file("vendors.csv"))
    vendors, contacts, levels = build_directory(imported)
    exported = export_csv(vendors, contacts, levels)
    assert exported.splitlines()[0] == ",".join(COLUMNS)
    assert parse_directory_csv(exported).vendors == imported.vendors
    again = build_directory(parse_directory_csv(exported))
    assert export_csv(*again) == exported


def test_names_in_every_script_round_trip() -> None:
    names = ["Ọlá Adéwálé", "東京 サポート", "محمد العربي", "שרה כהן", "Zoë 🚒 Fire"]
    rows = [
        second(
            contact=name,
            email=f"p{i}@kronan-dc.example",
            escalation_level="",
            escalate_after_min="",
            notes=f'«{name}», "quoted"; semi',
        )
        for i, name in enumerate(names)
    ]
    imported = parse_directory_csv(csv_text({"vendor": "Ωmega Ltd 🛡"}, *[{**r, "vendor": "Ωmega Ltd 🛡"} for r in rows]))
    assert [c.name for c in imported.vendors[0].contacts][1:] == names
    exported = export_csv(*build_directory(imported))
    assert parse_directory_csv(exported.encode("utf-8")).vendors == imported.vendors


def test_own_zone_and_hours_and_vendor_only_rows_round_trip() -> None:
    text = csv_text(
        {"contact": "", "role": "", "phone": "", "email": "", "escalation_level": "", "escalate_after_min": ""},
        second(timezone="Asia/Tokyo", hours="Mon-Fri 09:00-17:00", escalation_level="1"),
    )
    imported = parse_directory_csv(text)
    (vendor,) = imported.vendors
    assert vendor.contacts[0].timezone == "Asia/Tokyo" and vendor.contacts[0].hours == "Mon-Fri 09:00-17:00"
    exported = export_csv(*build_directory(imported))
    assert exported.splitlines()[1].split(",")[2] == ""  # the vendor's own row comes first
    assert parse_directory_csv(exported).vendors == imported.vendors


def test_hours_are_stored_in_canonical_spelling() -> None:
    imported = parse_directory_csv(csv_text({"hours": "mon-fri 8:00 - 17:00"}))
    assert imported.vendors[0].hours == "Mon-Fri 08:00-17:00"


def test_reimport_matches_existing_contacts_by_email_then_name() -> None:
    vendor_id = new_id()
    existing = [
        Contact(new_id(), vendor_id, "Elin Sjöberg", "DBA", (), "Elin@Kronan-DC.example", None, None),
        Contact(new_id(), vendor_id, "Service desk", "", (), None, None, None),
    ]
    renamed = ContactRecord(name="Elin S.", email="elin@kronan-dc.example")
    assert match_contact(renamed, existing) is existing[0]
    decomposed = ContactRecord(name="SERVICE  DESK", email="new@kronan-dc.example")
    assert match_contact(decomposed, existing) is existing[1]
    assert match_contact(ContactRecord(name="Göran"), existing) is None
    assert vendor_key("Nordvik Na\u0308t  AB") == vendor_key("nordvik nät ab")


def test_export_json() -> None:
    vendors, contacts, levels = build_directory(parse_directory_csv(scenario_file("vendors.csv")))
    data = export_json(vendors, contacts, levels)
    assert data["format"] == "warroom.directory" and data["version"] == 1
    baltic = data["vendors"][3]
    assert baltic["name"] == "Baltic Perimeter Sp. z o.o." and baltic["country"] == "PL"
    assert [c["name"] for c in baltic["contacts"]] == ["Ticket portal", "Paweł Wiśniewski", "Duty manager"]
    assert baltic["levels"][1] == {
        "id": levels[8].id,
        "level": 2,
        "wait_min": 60,
        "contacts": ["Paweł Wiśniewski"],
        "contact_ids": [contacts[8].id],
    }
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# -- hostile cells ----------------------------------------------------------------------------
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_cells_are_written_as_text_and_read_back_unchanged(formula):
    from warroom.integrations.csv_cells import read_cell, safe_cell

    written = safe_cell(formula)
    assert written == "'" + formula
    assert read_cell(written) == formula


@pytest.mark.parametrize("value", ["'", "''", "'=x", "'hello", "plain", "", "\tx", "'\t"])
def test_the_text_marker_itself_round_trips(value):
    from warroom.integrations.csv_cells import read_cell, safe_cell

    assert read_cell(safe_cell(value)) == value
    assert safe_cell(value)[:1] not in "=+-@\t\r" or safe_cell(value) == ""


def test_an_exported_directory_with_formulas_starts_no_cell_with_one_and_reimports_equal():
    header = ",".join(COLUMNS_ORDER)
    row = {
        "vendor": "=Evil AB",
        "layers": "network",
        "contact": "@Mallory",
        "role": "-ops",
        "phone": "+46 8 123 456 78",
        "email": "",
        "timezone": "Europe/Stockholm",
        "country": "SE",
        "subdivision": "",
        "holiday_categories": "",
        "hours": "Mon-Fri 08:00-17:00",
        "escalation_level": "1",
        "escalate_after_min": "",
        "always_on_call": "no",
        "sla_response_min": "",
        "notes": '=HYPERLINK("http://evil.example","x")',
    }
    data = header + "\n" + ",".join(_quote(row[c]) for c in COLUMNS_ORDER) + "\n"
    first = parse_directory_csv(data.encode())
    vendor = first.vendors[0]
    assert vendor.name == "=Evil AB" and vendor.contacts[0].notes.startswith("=HYPERLINK")
    text = _export_of(first)
    for line in list(csv.reader(io.StringIO(text)))[1:]:
        assert all(not cell or cell[0] not in "=+-@" for cell in line), line
    again = parse_directory_csv(text.encode())
    assert again.vendors[0].name == vendor.name
    assert again.vendors[0].contacts[0].notes == vendor.contacts[0].notes
    assert again.vendors[0].contacts[0].name == "@Mallory"


@pytest.mark.parametrize(("char", "shown"), [("\x00", "U+0000 (NUL)"), ("\x1b", "U+001B (ESC)"), ("\x07", "U+0007")])
def test_control_characters_in_a_field_are_refused_with_line_and_column(char, shown):
    header = ",".join(COLUMNS_ORDER)
    cells = [
        "Nordvik",
        "network",
        f"Ma{char}ts",
        "",
        "",
        "",
        "Europe/Stockholm",
        "SE",
        "",
        "",
        "Mon-Fri 08:00-17:00",
        "",
        "",
        "",
        "",
        "",
    ]
    with pytest.raises(ValidationError) as info:
        parse_directory_csv((header + "\n" + ",".join(cells) + "\n").encode(), "v.csv")
    assert str(info.value).startswith(f"v.csv line 2, column 'contact': holds the control character {shown}")


COLUMNS_ORDER = list(COLUMNS)


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _export_of(parsed):
    return export_csv(*build_directory(parsed))


def test_optional_per_contact_place_columns_are_read_checked_and_exported() -> None:
    columns = (*COLUMNS, "contact_country", "contact_subdivision", "contact_holiday_categories")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerow(BASE)
    writer.writerow({**BASE, **second(), "contact_country": "us", "contact_subdivision": "ny"})
    (vendor,) = parse_directory_csv(out.getvalue()).vendors
    desk, elin = vendor.contacts
    assert (desk.country, desk.subdivision, desk.holiday_categories) == (None, None, ())
    assert (elin.country, elin.subdivision, elin.holiday_categories) == ("US", "NY", ())
    exported = export_csv(*build_directory(parse_directory_csv(out.getvalue())))
    assert exported.splitlines()[0].endswith(",contact_country,contact_subdivision,contact_holiday_categories")
    assert parse_directory_csv(exported).vendors == (vendor,)
    bad = out.getvalue().replace(",us,ny,", ",us,Narnia,")
    with pytest.raises(ValidationError, match=r"line 3, column 'contact_subdivision': 'Narnia' is not a subdivision"):
        parse_directory_csv(bad)
