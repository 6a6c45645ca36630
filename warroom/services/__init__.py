"""Use cases: one user action = one unit of work; they return domain values."""
