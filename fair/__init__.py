"""FAIR records of the data centre's resources, built from the RDs.

One module per record: :mod:`fair.licences` (the licence of each
resource), :mod:`fair.describe` (what the RD says that the records
share), :mod:`fair.datacite` (DataCite 4.5 XML), :mod:`fair.jsonld`
(schema.org ``Dataset``), :mod:`fair.prov` (W3C PROV) and
:mod:`fair.tablelinks` (table-level DataLink documents).  See
``docs/fair.md``.
"""
