"""Do the attachments' rows and the storage's files agree? For after a restore, and for ops.

The database and the files are backed up separately (`samverka backup` copies the database;
the storage is a folder or an object store with its own backup). After restoring one of them,
`samverka check-attachments` lists the rows whose file is missing or differs (size, or with
`--sha256` the hash recorded at upload) and the files no row refers to: left by an upload
whose transaction failed after the file was written, or by restoring an older database.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from samverka.attachments.models import Attachment

FOLDER = "attachments"
# An orphan younger than this may belong to an upload still in its transaction.
ORPHAN_AGE = timedelta(hours=1)


@dataclass
class Report:
    checked: int = 0
    missing: list[Attachment] = field(default_factory=list)
    damaged: list[Attachment] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.damaged)


def stored_names(storage: Storage = default_storage, folder: str = FOLDER) -> list[str]:
    """Every file under `folder`, through the storage API (a folder or an object store)."""
    found: list[str] = []
    if not storage.exists(folder):
        return found
    folders, names = storage.listdir(folder)
    found.extend(f"{folder}/{name}" for name in names)
    for sub in folders:
        found.extend(stored_names(storage, f"{folder}/{sub}"))
    return sorted(found)


def _sha256(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as f:
        for chunk in f.chunks():
            digest.update(chunk)
    return digest.hexdigest()


def check(verify_hashes: bool = False, storage: Storage = default_storage) -> Report:
    report = Report()
    referenced = set()
    for attachment in Attachment.objects.order_by("uploaded_at", "id").iterator():
        report.checked += 1
        name = attachment.file.name
        referenced.add(name)
        if not name or not storage.exists(name):
            report.missing.append(attachment)
        elif storage.size(name) != attachment.size or (
            verify_hashes and _sha256(storage, name) != attachment.sha256
        ):
            report.damaged.append(attachment)
    report.orphans = [n for n in stored_names(storage) if n not in referenced]
    return report


def delete_orphans(names: list[str], storage: Storage = default_storage) -> list[str]:
    """Delete the orphans older than ORPHAN_AGE; the names deleted."""
    deleted = []
    for name in names:
        try:
            age = timezone.now() - storage.get_modified_time(name)
        except NotImplementedError:
            continue  # a storage that cannot tell: never guess
        if age >= ORPHAN_AGE and not Attachment.objects.filter(file=name).exists():
            storage.delete(name)
            deleted.append(name)
    return deleted
