from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from samverka.accounts.permissions import capabilities, require
from samverka.attachments import attaching, files, targets
from samverka.attachments.forms import AttachmentForm
from samverka.attachments.models import Attachment
from samverka.audit.models import ConcurrentEditError

SECTION = "#bilagor"


@csrf_exempt  # checked by _upload once the size limit is in place (see SizeLimitHandler)
@transaction.non_atomic_requests  # attaching.attach is the transaction, file included
def upload(request: HttpRequest, target: str, **kwargs) -> HttpResponse:
    handler = None
    if request.method == "POST":
        handler = files.SizeLimitHandler(request)
        request.upload_handlers.insert(0, handler)
    return _upload(request, target, handler, **kwargs)


@csrf_protect
def _upload(request: HttpRequest, key: str, handler, **kwargs) -> HttpResponse:
    obj = targets.resolve(key, **kwargs)
    require(targets.may_attach(capabilities(request), obj))
    posted = request.method == "POST"
    form = AttachmentForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        target=obj,
        too_large=handler.refused if handler else (),
        auto_id="bilaga_%s",
    )
    if posted and form.is_valid():
        try:
            attachment = attaching.attach(form, request.user)
        except ConcurrentEditError:
            pass  # the form says why; no file was kept
        else:
            messages.success(
                request,
                _("”%(name)s” är uppladdad: %(kind)s ”%(title)s”.")
                % {
                    "name": attachment.original_name,
                    "kind": attachment.get_kind_display(),
                    "title": attachment.title,
                },
            )
            return redirect(targets.page_url(obj) + SECTION)
    return render(
        request,
        "attachments/upload.html",
        {"target": obj, "form": form, "page_url": targets.page_url(obj)},
    )


def download(request: HttpRequest, code) -> HttpResponse:
    """The file, to everyone with a role; never through a public media URL."""
    require(capabilities(request).can_view)
    attachment = Attachment.objects.filter(code=code).first()
    if attachment is None:
        return _gone(request)
    try:
        handle = attachment.file.open("rb")
    except OSError:
        messages.error(
            request,
            _(
                "Filen ”%(name)s” saknas i lagringen. Be en administratör återställa den från "
                "säkerhetskopian av filerna."
            )
            % {"name": attachment.original_name},
        )
        return redirect(_page_of(attachment))
    response = FileResponse(handle, content_type=attachment.content_type)
    inline = attachment.content_type.split(";")[0] in files.INLINE_TYPES
    response["Content-Disposition"] = files.content_disposition(attachment.original_name, inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


def delete(request: HttpRequest, code) -> HttpResponse:
    """Confirm (GET), then delete (POST). Gone already: say so and go back."""
    can = capabilities(request)
    found = Attachment.objects.filter(code=code)
    if request.method == "POST":
        found = found.select_for_update()  # two deletes at once: the second finds it gone
    attachment = found.first()
    if attachment is None:
        return _gone(request)
    target = attachment.target
    require(targets.may_attach(can, target) if target is not None else can.is_controller)
    back = _page_of(attachment)
    if request.method == "POST":
        attaching.remove(attachment)
        messages.success(
            request,
            _("”%(name)s” är borttagen.") % {"name": attachment.original_name},
        )
        return redirect(back + SECTION)
    return render(
        request,
        "attachments/delete.html",
        {"attachment": attachment, "target": target, "page_url": back},
    )


def _page_of(attachment: Attachment) -> str:
    target = attachment.target
    return targets.page_url(target) if target is not None else reverse("decisions:index")


def _gone(request: HttpRequest) -> HttpResponse:
    messages.info(
        request,
        _("Bilagan finns inte längre. Någon annan kan ha tagit bort den nyss."),
    )
    back = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(back if safe and back.startswith("/") else reverse("core:overview"))
