"""``python -m portal alert_notify ALERT_ID``: mail an alert's analysis
to the subscribers (``apdc alert add`` runs it once the analysis is
stored)."""

from django.core.management.base import BaseCommand, CommandError

from portal.alerts import notify

__all__ = ["Command"]


class Command(BaseCommand):
    help = "Mail the stored analysis of an alert to its subscribers."

    def add_arguments(self, parser):
        parser.add_argument("alert_id")

    def handle(self, *args, alert_id, **options):
        try:
            sent, failed = notify.analysed(alert_id)
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Alert {alert_id}: summary mailed to {sent} "
                          f"subscriber(s) of the alerts group"
                          + (f", {failed} could not be sent" if failed
                             else "") + ".")
