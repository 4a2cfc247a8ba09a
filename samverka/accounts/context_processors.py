from samverka.accounts.permissions import capabilities as request_capabilities


def capabilities(request):
    return {"can": request_capabilities(request)}
