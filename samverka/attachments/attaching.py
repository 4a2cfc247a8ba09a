"""Attach a file to an object and remove it again, with nothing half-saved.

The file is written to storage inside the transaction that inserts its row; when anything in
that transaction fails, the file is deleted again before the error goes on. A removed
attachment's file is deleted only once the deletion is committed (`transaction.on_commit`),
so a rolled-back removal keeps its file. Cascades (a project or decision deleted in the admin)
go through the same signal.

Each attachment and removal is logged on the object it belongs to, so the decision's or
project's history says who added which file.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone, translation

from samverka.attachments import files
from samverka.attachments.forms import AttachmentForm
from samverka.attachments.models import Attachment, attached_to
from samverka.audit.recording import log

logger = logging.getLogger(__name__)


def _described(attachment: Attachment) -> dict:
    with translation.override(settings.LANGUAGE_CODE):  # the log is kept in Swedish
        kind = str(attachment.get_kind_display())
    return {
        "kind": kind,
        "title": attachment.title,
        "file_name": attachment.original_name,
        "size": files.human_size(attachment.size),
        "reference_number": attachment.reference_number,
        "sha256": attachment.sha256,
        "attachment": str(attachment.code),
    }


def attach(form: AttachmentForm, user=None) -> Attachment:
    """Store the form's checked file and save its row; raises what the save raises (then no
    file is left in storage)."""
    attachment = form.instance
    checked = form.checked
    if checked is None:
        raise ValueError("attach() needs a validated form")
    attachment.original_name = checked.name
    attachment.content_type = checked.content_type
    attachment.size = checked.size
    attachment.sha256 = checked.sha256
    attachment.uploaded_by = user if user is not None and user.is_authenticated else None
    attachment.uploaded_at = timezone.now()
    written = None
    try:
        with transaction.atomic():
            # Only the extension is taken from this name (models.storage_name).
            attachment.file.save(f"upload.{checked.extension}", form.cleaned_data["file"], False)
            written = attachment.file.name
            form.save()
            log(attachment.target, "attachments.added", _described(attachment))
    except BaseException:
        if written:
            _delete_file(attachment.file.storage, written)
        attachment.file.name = None
        raise
    return attachment


def remove(attachment: Attachment) -> None:
    """Delete the attachment; its file goes when the deletion is committed."""
    with transaction.atomic():
        target = attachment.target
        attachment.delete()
        if target is not None:
            log(target, "attachments.removed", _described(attachment))


def _delete_file(storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:  # the row is gone either way; an orphan file is found by check-attachments
        logger.exception("Could not delete attachment file %s", name)


def _file_gone_with_its_row(sender, instance: Attachment, **kwargs) -> None:
    if instance.file.name:
        transaction.on_commit(partial(_delete_file, instance.file.storage, instance.file.name))


def _attachments_go_with_their_object(sender, instance, **kwargs) -> None:
    for attachment in attached_to(instance):
        attachment.delete()


def connect_signals() -> None:
    from samverka.attachments.targets import MODELS

    post_delete.connect(
        _file_gone_with_its_row, sender=Attachment, dispatch_uid="attachments.file_gone"
    )
    for model in MODELS:
        pre_delete.connect(
            _attachments_go_with_their_object,
            sender=model,
            dispatch_uid=f"attachments.go_with.{model._meta.label_lower}",
        )
