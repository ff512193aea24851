"""W3C PROV records of imported tables and derived products.

An import is one PROV *activity* (the conversion, with the software
version and its parameters) that *used* the original files (entities
with their SHA-256 and origin URL) or, for a view, the tables of other
resources, and *generated* the tables and the
derived products (entities with row counts or checksums).  The data
centre is the agent the activity was associated with; the instrument
teams (the RD's creators) are the agents the original files are
attributed to.  Built with the ``prov`` library, written as PROV-JSON
and PROV-N (:func:`serialize`).
"""

from dataclasses import dataclass, field

from prov.model import PROV_LABEL, PROV_LOCATION, PROV_TYPE, ProvDocument

from fair import describe as describe_

__all__ = ["SourceFile", "ImportFacts", "document", "serialize", "APDC_NS"]

#: The namespace of the project's own PROV attributes.
APDC_NS = "urn:apdc:prov:"


@dataclass(frozen=True)
class SourceFile:
    """A file an import read or wrote.

    Attributes
    ----------
    path : str
        Relative to the resource's data folder.
    sha256 : str
    origin : str
        Where it came from: the official URL, the origin the manifest
        names, or the generator that wrote it.
    size : int
    """

    path: str
    sha256: str
    origin: str = ""
    size: int = 0


@dataclass(frozen=True)
class ImportFacts:
    """What an import did, as the PROV record states it.

    Attributes
    ----------
    rd_name, authority : str
    release : fair.describe.Release
    software : str
        The converters' version (the checkout's commit).
    parameters : str
        The import's parameters (the manifest's code and options), JSON.
    inputs : tuple of SourceFile
    tables : dict
        Qualified table name -> rows.
    products : tuple of SourceFile
        Derived files (run files, previews, ...).
    started, finished : str
        ISO UTC times of the import.
    upstream : tuple of (str, str)
        ``(resource, schema.table)`` of other resources' tables the
        import read (a view over them: the RD's ``dependsOn``).
    """

    rd_name: str
    authority: str
    release: object
    software: str
    parameters: str
    inputs: tuple = ()
    tables: dict = field(default_factory=dict)
    products: tuple = ()
    started: str = ""
    finished: str = ""
    upstream: tuple = ()


def _agent_id(name):
    return f"apdc:agent/{describe_.slug(name)}"


def document(facts, table=None, rd_dir=describe_.rdschema.RD_DIR):
    """The PROV document of an import.

    Parameters
    ----------
    facts : ImportFacts
    table : str, optional
        A qualified table name: only that table's lineage (no products).

    Returns
    -------
    prov.model.ProvDocument
    """
    d = describe_.describe(facts.rd_name, facts.release, rd_dir)
    doc = ProvDocument()
    doc.add_namespace("apdc", APDC_NS)
    doc.add_namespace("ivo", f"ivo://{facts.authority}/")
    centre = doc.agent(_agent_id(describe_.publisher()), {
        PROV_TYPE: "prov:Organization", PROV_LABEL: describe_.publisher()})
    teams = [doc.agent(_agent_id(name), {
        PROV_TYPE: "prov:Person" if describe_.person_name(name)
        else "prov:Organization", PROV_LABEL: name})
             for name in d.creators if name != describe_.publisher()]
    release = describe_.slug(facts.release.name)
    conversion = doc.activity(
        f"apdc:{facts.rd_name}/import/{release}",
        facts.started or None, facts.finished or None,
        {PROV_LABEL: f"import of {facts.rd_name}, release "
                     f"{facts.release.name}",
         "apdc:software": facts.software,
         "apdc:parameters": facts.parameters})
    doc.wasAssociatedWith(conversion, centre)
    for source in facts.inputs:
        entity = doc.entity(f"apdc:{facts.rd_name}/input/{source.path}", {
            PROV_TYPE: "apdc:OriginalFile", PROV_LABEL: source.path,
            PROV_LOCATION: source.origin, "apdc:sha256": source.sha256,
            "apdc:size": source.size})
        doc.used(conversion, entity)
        for team in teams:
            doc.wasAttributedTo(entity, team)
    for resource, name in facts.upstream:
        doc.used(conversion, doc.entity(f"ivo:{resource}?{name}", {
            PROV_TYPE: "apdc:Table", PROV_LABEL: name}))
    outputs = [(name, rows) for name, rows in sorted(facts.tables.items())
               if table in (None, name)]
    for name, rows in outputs:
        entity = doc.entity(f"ivo:{facts.rd_name}?{name}", {
            PROV_TYPE: "apdc:Table", PROV_LABEL: name, "apdc:rows": rows,
            "apdc:release": facts.release.name})
        doc.wasGeneratedBy(entity, conversion)
        doc.wasAttributedTo(entity, centre)
    if table is None:
        for product in facts.products:
            entity = doc.entity(
                f"apdc:{facts.rd_name}/product/{product.path}", {
                    PROV_TYPE: "apdc:DerivedProduct",
                    PROV_LABEL: product.path, PROV_LOCATION: product.origin,
                    "apdc:sha256": product.sha256,
                    "apdc:size": product.size})
            doc.wasGeneratedBy(entity, conversion)
    return doc


def serialize(doc):
    """``{"json": PROV-JSON text, "provn": PROV-N text}`` of a document."""
    return {"json": doc.serialize(format="json", indent=1),
            "provn": doc.get_provn()}
