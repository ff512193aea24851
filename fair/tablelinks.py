"""Table-level DataLink documents: a table's provenance and records.

DataLink's vocabulary (http://www.ivoa.net/rdf/datalink/core) has no
``#provenance`` term; the PROV and DataCite records of a table are
``#documentation``, and the original files it was made from are its
``#progenitor`` links.  The ``ID`` of every row is the table's IVOA
identifier (``ivo://<authority>/<rd>?<schema.table>``).
"""

from xml.sax.saxutils import escape, quoteattr

__all__ = ["table_id", "document", "FIELDS"]

#: DataLink's columns (DataLink 1.1, section 3.2), as (name, datatype, ucd).
FIELDS = (("ID", "char", "meta.id;meta.main"),
          ("access_url", "char", "meta.ref.url"),
          ("service_def", "char", "meta.ref"),
          ("error_message", "char", "meta.code.error"),
          ("semantics", "char", "meta.code"),
          ("description", "char", "meta.note"),
          ("content_type", "char", "meta.code.mime"),
          ("content_length", "long", "phys.size;meta.file"))


def table_id(authority, rd_name, table):
    """The IVOA identifier of a table, the ID of its links."""
    return f"ivo://{authority}/{rd_name}?{table}"


def document(ident, links):
    """The DataLink VOTable (text) of one ID.

    Parameters
    ----------
    ident : str
    links : sequence of (url, semantics, description, mime, size)
    """
    size = {"char": ' arraysize="*"', "long": ""}
    fields = "".join(f'<FIELD name="{n}" datatype="{t}" ucd="{u}"{size[t]}/>'
                     for n, t, u in FIELDS)
    rows = "".join(
        "<TR>" + "".join(f"<TD>{escape(str(v))}</TD>" for v in (
            ident, url, "", "", semantics, text, mime,
            "" if size is None else size)) + "</TR>"
        for url, semantics, text, mime, size in links)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">'
            f'<RESOURCE type="results"><INFO name="standardID" value='
            f'{quoteattr("ivo://ivoa.net/std/DataLink#links-1.1")}/>'
            f'<TABLE>{fields}<DATA><TABLEDATA>{rows}</TABLEDATA></DATA>'
            '</TABLE></RESOURCE></VOTABLE>\n')
