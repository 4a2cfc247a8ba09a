from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from samverka.audit.context import acting_as


def acting_user_middleware(get_response: Callable[[HttpRequest], HttpResponse]):
    """Attribute the changes a request makes to its logged-in user."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        with acting_as(user):
            return get_response(request)

    return middleware
