"""``python -m portal protected_paths``: the protected prefixes, one a line.

For rendering a proxy configuration.  Better still, let the proxy ask
``/auth/check`` for every request: a prefix added in the admin later is
then protected at once, and ``/auth/check`` also catches the forms
nginx's location matching does not (``/getproduct?key=...``, other
letter case).
"""

from django.core.management.base import BaseCommand

from portal.access.models import ProtectedPath

__all__ = ["Command"]


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        for prefix in ProtectedPath.objects.values_list("prefix", flat=True):
            self.stdout.write(prefix)
