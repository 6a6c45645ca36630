"""Replication between the local store and a shared hub (PostgreSQL or a SQLite file)."""
