from django.shortcuts import render

from samverka.orgs.federation import NoFederationError


class NoFederationMiddleware:
    """On an empty database every page says that no federation is set up, and how to load one.

    A page that needs the federation raises NoFederationError (through `orgs.federation`); the
    visitor gets an explanation instead of a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NoFederationError):
            return render(request, "core/no_federation.html")
        return None
