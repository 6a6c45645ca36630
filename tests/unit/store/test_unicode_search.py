"""Case-insensitive matching works beyond ASCII on SQLite as on PostgreSQL."""

from warroom.domain.timeline import EntryFilter
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store.store import Store


def test_filters_and_name_lookups_fold_non_ascii_case(db_url):
    store = Store(db_url)
    try:
        ctx = ServiceContext(store, "Ọlá Adéwálé")
        inc = IncidentService(ctx).open("Łódź link", "SEV3")
        tl = TimelineService(ctx)
        tl.add(inc.id, "ÅSA BERGSTRÖM CALLED ÖREBRO", author="ÅSA", vendor_name="ÖRESUND NÄT")
        flt = EntryFilter(author="åsa", vendor="öresund", text="örebro")
        assert tl.count(inc.id, flt) == 1
        with store.unit_of_work() as uow:
            uow.writer.create(
                "vendors",
                {
                    "id": "01890000-0000-7000-8000-000000000001",
                    "name": "Östgöta Nät AB",
                    "layers": [],
                    "country": "SE",
                    "subdivision": None,
                    "holiday_categories": ["public"],
                    "timezone": "Europe/Stockholm",
                    "hours": "24/7",
                    "sla_response_min": None,
                    "contract_ref": "",
                    "notes": "",
                    "deleted": False,
                },
            )
            uow.commit()
            assert uow.repos.directory.vendor_by_name("ÖSTGÖTA NÄT AB") is not None
    finally:
        store.close()
