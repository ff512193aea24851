"""Work-arounds for upstream bugs (DaCHS, pgSphere, Debian), one module each.

Each module says which upstream bug it works around and how to tell that
it is fixed; tests/test_workarounds.py has a test per work-around that
fails once the upstream bug is gone, so that the work-around can go.
This package imports nothing of the project.
"""
