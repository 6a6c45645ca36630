"""The incident list read with SQLAlchemy Core alone, for `warroom incident list`.

Importing the ORM and the models costs a command about as much again as SQLAlchemy itself; a
command that only lists incidents needs neither: the same engine, the same migration check
and the same rows, through a light `table()` of the columns it reads.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text, column, select, table
from sqlalchemy.exc import SQLAlchemyError

from warroom.domain.errors import StoreError
from warroom.domain.incident import NARRATIVE_FIELDS, Incident, Severity, Status
from warroom.store import migrate
from warroom.store.db import create_store_engine, explain_connect_error, parse_url
from warroom.store.types import JSONText, UTCDateTime

INCIDENTS = table(
    "incidents",
    column("id", String),
    column("number", Integer),
    column("title", Text),
    column("severity", String),
    column("status", String),
    column("commander", Text),
    column("started_at", UTCDateTime),
    column("created_at", UTCDateTime),
    column("zone", String),
    column("impacted_services", JSONText),
    *(column(name, Text) for name in NARRATIVE_FIELDS),
    column("deleted", Boolean),
)


def incident_from_row(row) -> Incident:
    """From an ORM row or a Core row: both expose the columns as attributes."""
    return Incident(
        id=row.id,
        number=row.number,
        title=row.title,
        severity=Severity(row.severity),
        status=Status(row.status),
        commander=row.commander,
        started_at=row.started_at,
        created_at=row.created_at,
        zone=row.zone,
        impacted_services=tuple(row.impacted_services or ()),
        narrative={f: getattr(row, f) or "" for f in NARRATIVE_FIELDS},
    )


def list_incidents(url: str, *, create_folder: bool = False) -> list[Incident]:
    """Every incident not deleted, newest start first: what IncidentRepository.list returns.
    Opening is as Store's: a missing store is made, an old one upgraded, errors in one sentence."""
    parsed = parse_url(url)
    engine = create_store_engine(parsed, create_folder=create_folder)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            rows = conn.execute(
                select(INCIDENTS)
                .where(INCIDENTS.c.deleted.is_(False))
                .order_by(INCIDENTS.c.started_at.desc(), INCIDENTS.c.id)
            )
            return [incident_from_row(row) for row in rows]
    except StoreError:
        raise
    except SQLAlchemyError as exc:
        raise explain_connect_error(parsed, exc) from None
    finally:
        engine.dispose()
