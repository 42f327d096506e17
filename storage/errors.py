"""The one exception storage raises for problems the user can fix (bad URL, unreachable server)."""


class StorageError(Exception):
    """Storage is unusable; the message says what to change."""
