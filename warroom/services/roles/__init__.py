"""Roles, shift handover, open questions and the change record."""
