from django import template
from django.db import models

from samverka.accounts.permissions import capabilities
from samverka.audit.access import may_view_history
from samverka.audit.history import history_url

register = template.Library()


@register.simple_tag(takes_context=True)
def history_link(context, obj: models.Model | None) -> str:
    """The URL of `obj`'s history page if the viewer may open it, else ""."""
    request = context.get("request")
    if obj is None or request is None:
        return ""
    if not may_view_history(capabilities(request), type(obj)):
        return ""
    return history_url(obj) or ""
