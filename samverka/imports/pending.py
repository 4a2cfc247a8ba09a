"""Pending uploads: kept in the database until confirmed, expired after a day.

pending = store(PendingUpload.Kind.SIE, upload, user=request.user, summary={...})
pending = take(code, PendingUpload.Kind.SIE, user=request.user)   # None when gone
purge_expired()                                                   # at every store()
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samverka.imports.models import PendingUpload
from samverka.imports.pipeline import sha256_of


def max_age() -> dt.timedelta:
    return dt.timedelta(hours=settings.SAMVERKA_PENDING_UPLOAD_HOURS)


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete every pending upload older than the maximum age; returns how many. Idempotent."""
    cutoff = (now or timezone.now()) - max_age()
    deleted, _ = PendingUpload.objects.filter(created__lt=cutoff).delete()
    return deleted


def store(kind: str, upload, *, file_name: str, user=None, summary=None) -> PendingUpload:
    """Keep an upload (a Django UploadedFile or a binary file) until it is confirmed."""
    purge_expired()
    sha, size = sha256_of(upload)
    if hasattr(upload, "chunks"):
        content = b"".join(upload.chunks())
    else:
        upload.seek(0)
        content = upload.read()
    upload.seek(0)
    return PendingUpload.objects.create(
        code=secrets.token_urlsafe(32),
        kind=kind,
        file_name=file_name[:255],
        sha256=sha,
        size=size,
        content=content,
        summary=summary or {},
        uploaded_by=user if user is not None and user.pk else None,
    )


def take(code: str, kind: str, *, user=None) -> PendingUpload | None:
    """The pending upload with this code, still fresh and uploaded by `user`; else None.

    Locked for the rest of the transaction, so two confirmations cannot both finish it.
    """
    if transaction.get_autocommit():
        raise RuntimeError("take() must run inside a transaction")
    cutoff = timezone.now() - max_age()
    rows = PendingUpload.objects.select_for_update().filter(
        code=code, kind=kind, created__gte=cutoff
    )
    if user is not None and user.pk:
        rows = rows.filter(uploaded_by=user)
    return rows.first()
