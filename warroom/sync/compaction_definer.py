"""The automatic compaction policy for everyday PostgreSQL logins: one function owned by the admin.

Everyday logins have least privilege: they may not delete from the log nor write
`hub_snapshot`, `hub_compactions` or `hub_policy`. So that `sync` on such a login still applies
the admin's policy when it is due, `hub init` (as the admin) creates `warroom_compact_due`, a
SECURITY DEFINER function that runs with its owner's rights but can do only this: if the policy is
due (the same rule as compaction_policy.Policy.due) and nobody else holds the compaction lock, fold
the changes older than the policy's N days into the snapshot, start the log there, record the point
and the run. Its search_path is pinned (pg_catalog, then the hub's schema), so a caller cannot slip
in objects of its own; EXECUTE is revoked from PUBLIC and granted to the app role (grants_sql).

What it does not do is drop superseded changes from the snapshot: that decision needs the laptop's
checks (validate.py), which live in Python; keeping every change ends in the same state as a full
replay, only bigger. The admin's `hub compact` (by hand or `--if-due` from cron) drops them later,
over the whole snapshot. The caller names itself only in a label; the run is recorded under its
login (session_user), which it cannot choose.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from warroom.sync.compaction import Compacted
from warroom.sync.hub_guard import run_script

FUNCTION = "warroom_compact_due(text)"
_UPTO = "(c.txid::text::bigint < p_txid OR (c.txid::text::bigint = p_txid AND c.seq <= p_seq))"

DEFINER = f"""
CREATE OR REPLACE FUNCTION warroom_compact_due(label text)
RETURNS TABLE (point_txid bigint, point_seq bigint, folded bigint, kept bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
    pol hub_policy%ROWTYPE;
    run_at timestamptz := now();
    who text := session_user || ', by the policy' || coalesce(' (' || left(label, 100) || ')', '');
    p_txid bigint;
    p_seq bigint;
    moved bigint := 0;
    outcome text;
BEGIN
    FOR attempt IN 1..2 LOOP  -- cheap look first; again under the lock: someone may have run it since
        SELECT * INTO pol FROM hub_policy WHERE id = 1;
        IF NOT FOUND OR pol.compact_after_days IS NULL
           OR run_at - pol.last_run_at < make_interval(secs => least(pol.every_hours, 1.0) * 3600)
           OR run_at - (SELECT max(compacted_at) FROM hub_compactions) < make_interval(secs => pol.every_hours * 3600)
        THEN
            RETURN;
        END IF;
        IF attempt = 1 AND NOT pg_try_advisory_xact_lock(hashtext('warroom hub compaction')) THEN
            RETURN;  -- another process is compacting right now
        END IF;
    END LOOP;
    SELECT c.txid::text::bigint, c.seq INTO p_txid, p_seq FROM hub_changes c
     WHERE c.pushed_at < run_at - make_interval(secs => pol.compact_after_days * 86400)
       AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY c.txid DESC, c.seq DESC LIMIT 1;
    IF p_txid IS NOT NULL AND EXISTS (
        SELECT 1 FROM hub_compactions h WHERE (h.txid, h.seq) >= (p_txid, p_seq)) THEN
        p_txid := NULL;
    END IF;
    IF p_txid IS NULL THEN
        outcome := 'Hub: nothing old enough to compact.';
    ELSE
        INSERT INTO hub_snapshot (seq, txid, change_id, table_name, row_id, payload, stamp, device)
        SELECT c.seq, c.txid::text::bigint, c.change_id, c.table_name, c.row_id, c.payload, c.stamp, c.device
          FROM hub_changes c
         WHERE {_UPTO}
           AND NOT EXISTS (SELECT 1 FROM hub_snapshot s WHERE s.change_id = c.change_id);
        GET DIAGNOSTICS moved = ROW_COUNT;
        DELETE FROM hub_changes c WHERE {_UPTO.replace("<=", "<")};
        INSERT INTO hub_compactions (txid, seq, compacted_at, compacted_by) VALUES (p_txid, p_seq, run_at, who);
        outcome := format('Hub: compacted %s changes up to %s:%s; superseded ones stay until the admin compacts.',
                          moved, p_txid, p_seq);
    END IF;
    UPDATE hub_policy SET last_run_at = run_at, last_run_by = who, last_result = outcome WHERE id = 1;
    RETURN QUERY SELECT p_txid, p_seq, moved, (SELECT count(*) FROM hub_snapshot);
END
$fn$;
REVOKE ALL ON FUNCTION {FUNCTION} FROM PUBLIC;
"""

_MAY_CALL = f"SELECT has_function_privilege('{FUNCTION}', 'EXECUTE')"


def install(conn: Connection) -> None:
    """Create or replace the function (as the admin, who then owns it); `hub init` calls it."""
    run_script(conn, DEFINER)


def apply_through_definer(conn: Connection, location: str, by: str) -> Compacted | None:
    """Apply the policy through the admin's function, if this login may call it; None if nothing ran."""
    exists = conn.execute(text("SELECT to_regprocedure(:f) IS NOT NULL"), {"f": FUNCTION}).scalar()
    if not exists or not conn.execute(text(_MAY_CALL)).scalar():
        return None
    row = conn.execute(text("SELECT * FROM warroom_compact_due(:by)"), {"by": by}).first()
    if row is None:
        return None
    point = None if row.point_txid is None else (int(row.point_txid), int(row.point_seq))
    return Compacted(location, point, int(row.folded), int(row.kept), 0)
