"""What a table converter is given: the import context.

Every table converter named in a manifest (``resources/<name>/
dataset.json``) is called as ``function(context)`` and returns the
table's columns, ``{column name: numpy array}``, with exactly the
columns the RD declares.
"""

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ImportContext"]


@dataclass(frozen=True)
class ImportContext:
    """The resource being imported and the site it is published at.

    Attributes
    ----------
    resource : str
        The resource's name (RD, schema and ``resources/`` folder).
    data_dir : pathlib.Path
        ``resources/<name>/data``: the inputs and the derived products.
    authority : str
        The IVOA authority of the data centre (for publisher DIDs).
    server_url : str
        The public server URL, without a trailing slash (for stored
        access and DataLink URLs).
    table : str or None
        The id of the table a converter is called for (set by the
        import for each entry of the manifest's ``tables``), so that one
        converter can serve several tables of the same kind.
    """

    resource: str
    data_dir: Path
    authority: str = "astroparticle.vo"
    server_url: str = "http://127.0.0.1:8080"
    table: str = None

    def did_prefix(self):
        """``ivo://<authority>/~?<resource>/``: the start of every DID."""
        return f"ivo://{self.authority}/~?{self.resource}/"
