from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from samverka.audit.history import entries_for


@login_required
def history(request: HttpRequest, app_label: str, model: str, object_id: str) -> HttpResponse:
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    model_class = content_type.model_class()
    if model_class is None:
        raise Http404
    obj = model_class._base_manager.filter(pk=object_id).first()
    entries = entries_for(content_type, object_id)
    if obj is None and not entries:
        raise Http404
    return render(
        request,
        "audit/history.html",
        {"object": obj, "entries": entries, "model_name": model_class._meta.verbose_name},
    )
