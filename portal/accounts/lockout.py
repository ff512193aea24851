"""What a locked-out client gets (django-axes' lock-out callable)."""

from django.shortcuts import render

__all__ = ["lockout_response", "MACHINE_PREFIXES"]

#: Paths answered to programs and to nginx's auth_request, which must
#: keep their own status (401 with a challenge): nginx turns any other
#: status of /auth/check into a 500.
MACHINE_PREFIXES = ("/auth/", "/gms/", "/api/")


def lockout_response(request, original_response=None, credentials=None):
    """A 429 page for people; the view's own 401 for programs.

    Parameters
    ----------
    request : django.http.HttpRequest
    original_response : django.http.HttpResponse, optional
        What the view answered.
    credentials : dict, optional
        The credentials axes saw (unused: never echoed back).

    Returns
    -------
    django.http.HttpResponse
    """
    if original_response is not None and \
            request.path.startswith(MACHINE_PREFIXES):
        return original_response
    return render(request, "accounts/locked.html", status=429)
