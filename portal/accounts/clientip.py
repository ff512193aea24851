"""The client's address, as the login rate limit counts it.

Behind nginx every request comes from 127.0.0.1; nginx appends the
real client to ``X-Forwarded-For`` (``$proxy_add_x_forwarded_for``).
The header is believed only when the request came from a trusted
proxy, and then read from the right: entries left of the last
untrusted hop were written by the client and could be anything.
"""

from django.conf import settings

__all__ = ["client_ip"]


def client_ip(request):
    """The address of the client that sent ``request``.

    Parameters
    ----------
    request : django.http.HttpRequest

    Returns
    -------
    str
        The right-most address in ``X-Forwarded-For`` that is not a
        trusted proxy, when ``REMOTE_ADDR`` is one; else ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    hops = [hop.strip() for hop in
            request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return remote
