"""The one error a reference table raises, importable without pandas."""


class ReferenceDataError(Exception):
    """A reference table cannot be trusted; the message says which and why."""
