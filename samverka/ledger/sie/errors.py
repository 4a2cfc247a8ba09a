"""The one exception type the SIE reader raises."""


class SieError(Exception):
    """A file that cannot be read as SIE: the reason is in Swedish, for the user.

    ``line`` is the 1-based line number where reading stopped (0 when the problem is not
    tied to a line, e.g. an unreadable file).
    """

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"Rad {line}: {reason}" if line else reason)
        self.line = line
        self.reason = reason
