"""Readers for the data formats of astroparticle experiments.

Every reader returns columnar data: a dict mapping a quantity name to a
numpy array, so that large files never pass through Python row objects.
Readers raise :class:`converters.errors.InputError`, which names the file
and, where known, the row and the field at fault.
"""
