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


# Browser features no page of Samverka uses, denied to the page and to anything it could embed:
# a script that got in anyway cannot reach the camera, the microphone, the position or payments.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def permissions_policy(get_response):
    """The Permissions-Policy header on every answer (Django has no setting for it)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
