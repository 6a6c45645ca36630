"""Bridges to the outside: directory CSV, vCard and ICS import, webhooks, secrets."""
