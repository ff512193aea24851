"""Seeded generator of SIMULATED KASCADE-like air-shower events.

The events follow the KCDC quantities that the KASCADE RD declares
(``rd/kascade.rd``, read through :mod:`converters.kcdc_quantities`), so
that the KCDC converters, the database import and the services can be
exercised at realistic scale without redistributing real KASCADE data.
The physics is a handful of published parameterisations, not a detector
simulation; docs/simulation.md lists each relation with its source.

Modules, in the order of the generation:

* :mod:`~simulation.kascade.energy`: primary energy and mass, the
  KASCADE (Glasstetter) energy estimator;
* :mod:`~simulation.kascade.showers`: direction, core, shower sizes, age,
  hadrons;
* :mod:`~simulation.kascade.times`: event times, calendar fields, weather;
* :mod:`~simulation.kascade.events`: :func:`~simulation.kascade.events.
  generate`, the events in the RD's quantities;
* :mod:`~simulation.kascade.stations`: station layout and per-station
  signals;
* :mod:`~simulation.kascade.manifest`, :mod:`~simulation.kascade.runs`:
  the run files and their idempotency manifest;
* :mod:`~simulation.kascade.generator`: the entry point that a resource
  manifest (``resources/kascade_sim/dataset.json``) names;
* :mod:`~simulation.kascade.cli`: ``python -m simulation.kascade``;
* :mod:`~simulation.kascade.reference`: checks against the measured KCDC
  events and KASCADE's knees (tests and benchmarks only).
"""

__all__ = []
