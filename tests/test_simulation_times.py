"""simulation.kascade.times: event times, calendar fields, weather."""

import datetime

import numpy as np
import pytest

from simulation.kascade import events
from tests.simulation_sample import sample  # noqa: F401


def test_times_sorted_and_calendar_fields(sample):
    cols, _ = sample
    t_ns = cols["GT"] * 1_000_000_000 + cols["MT"]
    assert np.all(np.diff(t_ns) >= 0)
    start = int(datetime.datetime(1998, 1, 1, tzinfo=datetime.timezone.utc)
                .timestamp())
    assert cols["GT"][0] >= start
    assert cols["GT"][-1] < start + 365 * 5 * 86400
    # An independent implementation for every event.
    for gt, ymd, hms in zip(cols["GT"].tolist(), cols["YMD"].tolist(),
                            cols["HMS"].tolist()):
        d = datetime.datetime.fromtimestamp(gt, datetime.timezone.utc)
        assert ymd == d.year * 10000 + d.month * 100 + d.day
        assert hms == d.hour * 10000 + d.minute * 100 + d.second


def test_calendar_fields_before_epoch():
    cols = events.generate(2000, start="1969-12-25", days=14)
    for gt, ymd, hms in zip(cols["GT"].tolist(), cols["YMD"].tolist(),
                            cols["HMS"].tolist()):
        d = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=gt)
        assert (ymd, hms) == (int(d.strftime("%Y%m%d")),
                              int(d.strftime("%H%M%S")))


def test_event_rate_is_poissonian(sample):
    cols, _ = sample
    gaps = np.diff(cols["GT"] + cols["MT"] * 1e-9)
    # Exponential gaps: standard deviation equals the mean.
    assert gaps.std() / gaps.mean() == pytest.approx(1.0, abs=0.03)


def test_weather(sample):
    cols, _ = sample
    month = cols["YMD"] // 100 % 100
    assert cols["T"][month == 7].mean() - cols["T"][month == 1].mean() > 10
    assert cols["P"].mean() == pytest.approx(1005, abs=3)
    assert 4 < cols["P"].std() < 12
    # Weather drifts: consecutive events (minutes apart) agree closely.
    assert np.abs(np.diff(cols["P"])).mean() < 1.0
