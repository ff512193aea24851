"""``python -m portal shop_dispatcher``: send queued requests not yet sent."""

from django.core.management.base import BaseCommand

from portal.shop import dispatch, services

__all__ = ["Command"]


class Command(BaseCommand):
    help = ("Send every QUEUED shop request that is not yet dispatched "
            "(e.g. submitted while the broker was down), in a loop; purge "
            "expired packages every --purge-every seconds.")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0,
                            help="seconds between passes (default 5)")
        parser.add_argument("--once", action="store_true",
                            help="one pass, then exit")
        parser.add_argument("--purge-every", type=float, default=3600.0,
                            help="seconds between purges (0: never)")

    def handle(self, *args, interval, once, purge_every, **options):
        sent = dispatch.run_forever(
            interval=interval, once=once, purge_every=purge_every,
            purge=services.purge if purge_every > 0 else None)
        if once:
            self.stdout.write(f"sent {sent}")
