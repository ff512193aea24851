"""Seeded generator of SIMULATED Tunka-Rex-like radio air-shower events.

Simulated, not Tunka-Rex measurements.  The events follow the quantities
that ``rd/tunka_rex.rd`` declares (the Tunka-Rex event-summary format,
docs/tunka_rex.md), drawn from published parameters, each cited in
docs/tunka_rex.md.  It is no detector or radio-emission simulation.

Modules, in the order of the generation:

* :mod:`~simulation.tunka_rex.geomagnetic`: the local geomagnetic field
  (IGRF-13) and the geomagnetic angle;
* :mod:`~simulation.tunka_rex.antennas`: the antenna layout (63
  antennas, approximated);
* :mod:`~simulation.tunka_rex.showers`: energy, direction, core, Xmax,
  time and host detector of each shower, and the radio reconstruction;
* :mod:`~simulation.tunka_rex.signals`: per-antenna signals;
* :mod:`~simulation.tunka_rex.events`: :func:`~simulation.tunka_rex.
  events.generate`, the events in the RD's quantities;
* :mod:`~simulation.tunka_rex.generator`: the run files (HDF5 and ROOT)
  that ``resources/tunka_rex/dataset.json`` names, written idempotently.
"""

__all__ = []
