"""E-mail to the user when a package is ready or the request failed."""

import logging

from django.conf import settings
from django.core.mail import send_mail

from portal.shop.models import ShopRequest

__all__ = ["finished"]

log = logging.getLogger(__name__)


def _text(request):
    history = f"{settings.SHOP_PUBLIC_URL}/shop/history/"
    if request.state == ShopRequest.COMPLETED:
        return (f"Data shop: your package is ready ({request.dataset})",
                f"Your request {request.id} is complete: "
                f"{request.n_events} events, {request.size} bytes.\n\n"
                f"Download: {settings.SHOP_PUBLIC_URL}/shop/requests/"
                f"{request.id}/download\n"
                f"SHA-256: {request.sha256}\n"
                f"Available until {request.expires:%Y-%m-%d %H:%M} UTC.\n\n"
                f"Your requests: {history}\n")
    return (f"Data shop: your request failed ({request.dataset})",
            f"Your request {request.id} could not be completed:\n\n"
            f"{request.message}\n\nYour requests: {history}\n")


def finished(request_id):
    """Tell the owner of ``request_id`` how it ended; mail errors are
    logged, never raised (the package is there all the same)."""
    request = ShopRequest.objects.select_related("user").filter(
        pk=request_id).first()
    if request is None or not request.user.email:
        return False
    subject, body = _text(request)
    try:
        send_mail(subject, body, None, [request.user.email])
    except OSError as error:
        log.warning("shop mail for %s not sent: %s", request_id, error)
        return False
    return True
