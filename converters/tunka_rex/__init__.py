"""Readers of the Tunka-Rex event-summary format (docs/tunka_rex.md).

* :mod:`~converters.tunka_rex.site`: the Tunka site (for the sky
  coordinates);
* :mod:`~converters.tunka_rex.files`: the run files, their provenance
  attributes and the per-antenna arrays;
* :mod:`~converters.tunka_rex.events`: the ``events`` table converter;
* :mod:`~converters.tunka_rex.antennas`: the ``antennas`` table
  converter.

The run-file table is KASCADE's (:func:`converters.kascade.runs.
runs_table`): the files have the same layout.
"""

__all__ = []
