"""Status updates in the window: composer, Communications panel, header countdown, sender thread."""
