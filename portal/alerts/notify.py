"""E-mail the summary of an analysed alert to the subscribers."""

import logging

from django.conf import settings
from django.core.mail import get_connection, send_mail

from portal.alerts import data, services

__all__ = ["analysed"]

log = logging.getLogger(__name__)


def analysed(alert_id):
    """Mail the analysis of ``alert_id`` to every recipient.

    Returns
    -------
    (int, int)
        Messages sent, and messages that could not be sent (logged).

    Raises
    ------
    LookupError
        If the alert has not been analysed.
    """
    found = data.analysis(alert_id)
    if found is None:
        raise LookupError(f"alert {alert_id} has not been analysed "
                          "(icecube_alerts.analyses)")
    row = found[0]
    name = row["alert_name"] or row["alert_id"]
    page = f"{settings.SHOP_PUBLIC_URL}/alerts/{row['alert_id']}/"
    subject = (f"Alert {name}: {row['n_counterparts']} counterparts "
               "in the data centre")
    body = (f"{row['summary']}\n\nSky plot and counterparts: {page}\n"
            "VOTable: " f"{settings.SHOP_PUBLIC_URL}/icecube_alerts/found/api"
            f"?alert_id={row['alert_id']}\n\n"
            "You get this because you subscribed as a member of the "
            f"group {services.GROUP}: {settings.SHOP_PUBLIC_URL}"
            "/alerts/subscription/\n")
    sent = failed = 0
    connection = get_connection()
    for user in services.recipients():
        try:
            send_mail(subject, body, None, [user.email],
                      connection=connection)
            sent += 1
        except OSError as error:
            log.warning("alert mail to %s not sent: %s", user, error)
            failed += 1
    return sent, failed
