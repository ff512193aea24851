"""Astronomical source catalogues for cross-matching arrival directions.

One module per source format or family, one converter per catalogue
(``<catalogue>_table(ctx)``), each returning the columns of
``<schema>.main`` exactly as declared in ``rd/<schema>.rd``:

* :mod:`.fermi`: Fermi-LAT 3FGL and 3FHL (FITS);
* :mod:`.tev`: gamma-cat (FITS), TeVCat (ECSV), HGPS (FITS);
* :mod:`.swift_bat`: Swift-BAT 70 month (pipe-separated text);
* :mod:`.vcv`: Veron-Cetty & Veron AGN (pipe-separated text);
* :mod:`.openngc`: OpenNGC (semicolon-separated text);
* :mod:`.common`: the RD-driven readers they share.

Each RD column names the file field it is read from (property
``source``) or the computation that makes it (``derive``); see
:mod:`converters.columns`.  The choices (which columns, the normalised
``class`` vocabulary, what becomes NULL) are documented in
docs/catalogs.md.

Common conventions:

* FITS and ECSV files are read with astropy; string columns are
  stripped, and empty strings, NaN and infinities become NULL (masked);
* ``class`` is a lower-case class code from one vocabulary shared by
  all catalogues (Fermi-LAT's where it has a term, e.g. ``bll``,
  ``fsrq``, ``bcu``, ``psr``, ``snr``, ``pwn``, ``glc``; ``sy1``,
  ``sy2`` ... for Seyferts), while the catalogue's own classification
  is kept unchanged in another column;
* positions are ICRS degrees; where a catalogue gives only galactic
  coordinates (VCV), ICRS is computed, and the other way round.
"""

__all__ = ["common", "fermi", "tev", "swift_bat", "vcv", "openngc"]
