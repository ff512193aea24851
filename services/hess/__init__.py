"""H.E.S.S. DL3 DR1 runs: DataLink descriptors and links, SODA cutouts.

Used by rd/hess_dr1.rd (services ``dl`` and ``irf``; the server imports
``services.hess.links`` and ``services.hess.cutouts``).  Modules:

* :mod:`.names`: file names, accrefs and publisher DIDs of the runs;
* :mod:`.links`: DataLink descriptors, links documents, SODA keys;
* :mod:`.params`: parsing the SODA parameters (TIME in MJD UTC, BAND
  in metres of vacuum wavelength);
* :mod:`.geometry`: circle and great-circle polygon tests;
* :mod:`.cutouts`: the SODA cutouts and single IRF HDUs.

The run files themselves are registered in hess_dr1.run_files and
dc.products by DaCHS (data ``runs`` of the RD, ``//products#define``);
see docs/datalink.md.
"""

__all__ = []
