"""`{% attachments_of obj %}`: an object's attachments, with the upload form for those who may
attach. The pages of decisions, meetings and projects include it; their views know nothing of
attachments."""

from django import template

from samverka.accounts.permissions import capabilities
from samverka.attachments import files, targets
from samverka.attachments.forms import AttachmentForm
from samverka.attachments.models import attached_to

register = template.Library()


@register.filter
def filesize(size: int) -> str:
    return files.human_size(size)


@register.inclusion_tag("attachments/_section.html", takes_context=True)
def attachments_of(
    context,
    obj,
    kinds: str = "",
    heading: str = "",
    upload: bool = True,
    anchor: str = "bilagor",
    empty: str = "",
):
    """`kinds`: comma-separated kinds to show (all if empty); `upload`: offer the form."""
    request = context["request"]
    wanted = [k for k in kinds.split(",") if k]
    may_attach = obj is not None and targets.may_attach(capabilities(request), obj)
    return {
        "obj": obj,
        "items": list(attached_to(obj, wanted)),
        "heading": heading,
        "anchor": anchor,
        "empty": empty,
        "may_attach": may_attach,
        "may_delete": may_attach,
        "page_url": request.get_full_path().split("#")[0],
        "form": AttachmentForm(target=obj, auto_id="bilaga_%s") if upload and may_attach else None,
        "upload_url": targets.upload_url(obj) if upload and may_attach else "",
    }
