"""``python -m portal shop_status``: queue depth, workers, running, failed."""

from django.core.management.base import BaseCommand

from portal.shop import status

__all__ = ["Command"]


class Command(BaseCommand):
    help = "The data shop's queue, workers, running and failed requests."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args, limit, **options):
        for line in status.report(limit):
            self.stdout.write(line)
