"""What a PostgreSQL hub itself refuses, whoever pushes: far-future stamps and other people's devices.

`hub init` installs these as the admin; the laptops' login roles cannot
change or bypass them (they own nothing, and disabling triggers needs the
table's owner or a superuser).

- Clock: a change stamped more than MAX_AHEAD_MS ahead of the server's own
  clock is refused, so one laptop with a wrong clock cannot push stamps that
  win every later edit. The pusher reads the refusal and says "this laptop's
  clock is ahead of the hub's by N minutes".
- Devices: `hub_devices(device, role)` is filled on a device's first push
  with the login role that pushed it; after that, only that role may push
  changes claiming that device. Each person (or laptop) therefore needs a
  login role of their own (`warroom hub add-user`), all members of the app
  role that holds the grants. Row-level security lets a role register
  devices only to itself. A role may still claim a device id nobody has
  pushed yet (ids are random UUIDs, so it cannot guess a real one ahead).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from warroom.sync.validate import MAX_AHEAD_MS

GUARDS = f"""
CREATE TABLE IF NOT EXISTS hub_devices (
    device text PRIMARY KEY,
    role name NOT NULL DEFAULT current_user,
    registered_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE hub_devices ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS hub_devices_read ON hub_devices;
CREATE POLICY hub_devices_read ON hub_devices FOR SELECT USING (true);
DROP POLICY IF EXISTS hub_devices_own ON hub_devices;
CREATE POLICY hub_devices_own ON hub_devices FOR INSERT WITH CHECK (role = current_user);

CREATE OR REPLACE FUNCTION hub_changes_guard() RETURNS trigger LANGUAGE plpgsql AS $guard$
DECLARE
    owner name;
    ahead bigint;
BEGIN
    IF NEW.stamp !~ '^[0-9]{{13}}[.][0-9]{{6}}[.]' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = 'warroom: malformed stamp';
    END IF;
    ahead := split_part(NEW.stamp, '.', 1)::bigint - (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    IF ahead > {MAX_AHEAD_MS} THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('warroom: stamp ahead of the hub''s clock by %s ms', ahead);
    END IF;
    SELECT d.role INTO owner FROM hub_devices d WHERE d.device = NEW.device;
    IF NOT FOUND THEN
        INSERT INTO hub_devices (device, role) VALUES (NEW.device, current_user) ON CONFLICT (device) DO NOTHING;
        SELECT d.role INTO owner FROM hub_devices d WHERE d.device = NEW.device;
    END IF;
    IF owner IS DISTINCT FROM current_user THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('warroom: device %s is registered to another role', NEW.device);
    END IF;
    RETURN NEW;
END
$guard$;

DROP TRIGGER IF EXISTS hub_changes_guard ON hub_changes;
CREATE TRIGGER hub_changes_guard BEFORE INSERT ON hub_changes
    FOR EACH ROW EXECUTE FUNCTION hub_changes_guard();
"""


def install(conn: Connection) -> None:
    """Create or replace the guards (idempotent); `conn` is the admin's SQLAlchemy connection."""
    run_script(conn, GUARDS)


def run_script(conn: Connection, script: str) -> None:
    """Several SQL statements in one go, on the DBAPI cursor (no parameters, so psycopg sends them as one)."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None, "an open connection"
    cursor = dbapi.cursor()
    try:
        cursor.execute(script)
    finally:
        cursor.close()
