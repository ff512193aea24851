"""``python -m simulation.kascade``: see :mod:`simulation.kascade.cli`."""

import sys

from simulation.kascade.cli import main

sys.exit(main())
