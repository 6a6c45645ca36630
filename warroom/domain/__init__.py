"""Plain-Python domain: entities, rules, availability, metrics. No Qt, no SQL."""
