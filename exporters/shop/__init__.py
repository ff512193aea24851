"""The data shop: chosen quantities and cuts of an event data set,
exported as one package.

What is offered comes from the RDs alone (:mod:`exporters.shop.datasets`:
tables with ``<property name="shop">True</property>``, their ``kcdc``
quantities, ranges and default cuts).  A request is a :class:`Selection`
(JSON round trip; :func:`validate` names the bad field with an HTTP
status in :class:`ShopError`); :func:`count` and :func:`estimate_bytes`
serve the live form; :func:`export` writes one zip archive
``<request_id>.zip`` (data file in HDF5, ROOT, KCDC ASCII or Parquet,
``Info.txt``, ``LICENCE.txt``, ``prov.json`` (W3C PROV-JSON),
``SHA256SUMS``), atomically, streamed in chunks by keyset-paged binary
COPY, ordered by the RD's ``shop_order`` (run, event) and deterministic:
the same selection on the same data gives the same data file.
:func:`preselected` builds the samples offered without login.

Callers (the portal, the Celery workers) decide about access (403);
restricted data sets are marked ``Dataset.restricted``.
"""

from exporters.shop.datasets import (Component, Dataset, QuantityInfo,
                                     catalogue)
from exporters.shop.package import Package, export
from exporters.shop.query import adql_where, count, estimate_bytes, \
    where_clause
from exporters.shop.samples import preselected
from exporters.shop.selection import (ASCII_REFUSAL, FORMATS, Selection,
                                      ShopError, validate)

__all__ = ["Selection", "ShopError", "Dataset", "Component", "QuantityInfo",
           "Package", "FORMATS", "ASCII_REFUSAL", "catalogue", "validate",
           "count", "estimate_bytes", "where_clause", "adql_where", "export",
           "preselected"]
