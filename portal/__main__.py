"""``python -m portal COMMAND``: Django's manage.py with our settings."""

import os
import sys

from django.core.management import execute_from_command_line

__all__ = ["main"]


def main():
    """Run a Django management command with ``portal.settings``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
