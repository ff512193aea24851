"""``python -m portal shop_purge``: remove packages past expiry and grace."""

from datetime import datetime

from django.core.management.base import BaseCommand

from portal.shop import services

__all__ = ["Command"]


class Command(BaseCommand):
    help = ("Delete the files of shop packages expired longer than "
            "SHOP_PURGE_GRACE_DAYS (run daily, e.g. from cron or beat).")

    def add_arguments(self, parser):
        parser.add_argument("--now", type=datetime.fromisoformat,
                            help="the clock to use (ISO 8601 with zone)")

    def handle(self, *args, now=None, **options):
        purged = services.purge(now)
        for request in purged:
            self.stdout.write(f"purged {request.pk}")
        self.stdout.write(f"{len(purged)} packages purged")
