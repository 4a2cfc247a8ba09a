from django.db import models


class DataVersion(models.Model):
    """One row, id 1: a new random token after every committed write (core/dataversion.py).

    Not audited and not a domain object: it names the state of all data, so that a page
    rendered from one state can be kept until the next write, on every app server."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "dataversion"

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
