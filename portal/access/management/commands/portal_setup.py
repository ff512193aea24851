"""``python -m portal portal_setup``: everything ``make up`` needs, idempotent.

Creates the database if it is missing, applies the migrations, makes
the first licence version and the example restricted resource, and
collects the static files for nginx.
"""

import psycopg2
from psycopg2 import sql

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.access import seed
from portal.accounts.models import LicenceVersion

__all__ = ["Command", "ensure_database", "FIRST_LICENCE"]

FIRST_LICENCE = {
    "version": "1.0",
    "title": "Data licence of the Astroparticle data centre",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "text": (
        "Public data are given under the licence stated on each resource "
        "(mostly CC BY 4.0); cite the publications and acknowledge the "
        "experiments as each resource says.\n\n"
        "Data under embargo are for the internal use of the groups they "
        "are granted to: do not pass them on or publish results from "
        "them before the embargo ends.\n\n"
        "We keep your user name, e-mail address, group memberships and "
        "which licence version you accepted when, and nothing else; "
        "deleting your account deletes them."),
}


def ensure_database():
    """Create the configured database if it does not exist.

    Returns
    -------
    bool
        Whether it was created.
    """
    db = settings.DATABASES["default"]
    params = {"dbname": "postgres", "user": db["USER"],
              "host": db["HOST"] or None, "port": db["PORT"] or None,
              "password": db["PASSWORD"] or None}
    conn = psycopg2.connect(**{k: v for k, v in params.items() if v})
    conn.autocommit = True   # CREATE DATABASE refuses a transaction
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                           [db["NAME"]])
            if cursor.fetchone():
                return False
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(
                sql.Identifier(db["NAME"])))
            return True
    finally:
        conn.close()


class Command(BaseCommand):
    help = __doc__
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--no-example", action="store_true",
                            help="do not create the example resource")
        parser.add_argument("--no-static", action="store_true",
                            help="do not collect static files")

    def handle(self, *args, **options):
        if ensure_database():
            self.stdout.write(f"created database "
                              f"{settings.DATABASES['default']['NAME']}")
        call_command("migrate", interactive=False,
                     verbosity=options["verbosity"] - 1)
        LicenceVersion.objects.get_or_create(
            version=FIRST_LICENCE["version"],
            defaults={k: v for k, v in FIRST_LICENCE.items()
                      if k != "version"})
        if not options["no_example"]:
            seed.create_example()
        if not options["no_static"]:
            call_command("collectstatic", interactive=False,
                         verbosity=options["verbosity"] - 1)
        self.stdout.write("portal ready")
