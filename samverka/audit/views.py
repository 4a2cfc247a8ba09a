from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from samverka.accounts.permissions import capabilities, require
from samverka.audit.access import may_view_history
from samverka.audit.addressing import get_by_history_code
from samverka.audit.history import entries_for


@login_required
def history(request: HttpRequest, app_label: str, model: str, code: str) -> HttpResponse:
    can = capabilities(request)
    require(may_view_history(can))
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    model_class = content_type.model_class()
    if model_class is None:
        raise Http404
    require(may_view_history(can, model_class))
    obj = get_by_history_code(model_class, code)
    if obj is None:
        raise Http404
    return render(
        request,
        "audit/history.html",
        {
            "object": obj,
            "entries": entries_for(content_type, str(obj.pk)),
            "model_name": model_class._meta.verbose_name,
        },
    )
