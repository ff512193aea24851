"""The quantities of a KCDC (KASCADE Cosmic-ray Data Centre) event export.

The names are KCDC's own, as in the header of its ASCII export, and they
are shared by the project's HDF5 and ROOT layouts (docs/kcdc_formats.md).
"""

import numpy as np

# name -> (numpy dtype, unit, description); order is KCDC's ASCII order.
QUANTITIES = {
    "E": (np.float64, "", "log10 of the reconstructed primary energy E/eV"),
    "YC": (np.float64, "m", "shower core y in the KASCADE array frame"),
    "XC": (np.float64, "m", "shower core x in the KASCADE array frame"),
    "ZE": (np.float64, "deg", "zenith angle of the shower axis"),
    "AZ": (np.float64, "deg", "azimuth of the arrival direction"),
    "NE": (np.float64, "", "log10 of the electron number"),
    "NMU": (np.float64, "", "log10 of the (truncated) muon number"),
    "ESUMHAD": (np.float64, "GeV", "hadronic energy sum, -1 if not measured"),
    "NHAD": (np.int32, "", "hadron number, -1 if not measured"),
    "T": (np.float64, "degC", "air temperature"),
    "P": (np.float64, "hPa", "air pressure"),
    "GT": (np.int64, "s", "event time, seconds since 1970-01-01 UTC"),
    "MT": (np.int64, "ns", "sub-second part of the event time"),
    "YMD": (np.int32, "", "UTC date as YYYYMMDD"),
    "HMS": (np.int32, "", "UTC time as HHMMSS"),
    "R": (np.int32, "", "run number"),
    "EV": (np.int32, "", "event number within the run"),
    "AGE": (np.float64, "", "shower age parameter"),
}

NAMES = tuple(QUANTITIES)

# Where KCDC writes -1 for "not measured".
NOT_MEASURED = {"ESUMHAD", "NHAD"}

# Physically allowed ranges, checked on every import (inclusive bounds).
RANGES = {
    "ZE": (0.0, 90.0),
    "AZ": (0.0, 360.0),
    "MT": (0, 999_999_999),
}
