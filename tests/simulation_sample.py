"""The sample of simulated events shared by the tests of simulation.kascade.

Import the fixture into a test module (``from tests.simulation_sample
import N, sample``); it is drawn once per session.
"""

import pytest

from simulation.kascade import events

__all__ = ["N", "SEED", "sample"]

N = 100_000
SEED = 424242


@pytest.fixture(scope="session")
def sample():
    """(columns, truth) of N events, runs of 30,000 events."""
    return events.generate(N, seed=SEED, events_per_run=30_000,
                           return_truth=True)
