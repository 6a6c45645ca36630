"""The window: PySide6 widgets over the services. Only this package imports QtWidgets."""
