"""Named, immutable releases of the resources (docs/releases.md).

A resource's RD names the release its tables serve: every on-disk table
FEEDs ``releases#current`` with ``name="ALDEBARAN"`` (which also puts
the name into every TAP result from it).  The releases themselves are
rows of ``releases.releases`` (``rd/releases.rd``), written here after
each successful import:

* an import whose input files have the checksum of the current release
  changes nothing;
* an import from other input files under a new name in the RD is a new
  release; the earlier one stays in the table (and in its bag);
* an import from other input files under a name already published is
  refused *before* the tables are touched (:func:`check`);
* except for a resource that grows by itself (``releases`` property
  ``serial``, :func:`is_serial`): there each import from new inputs is
  the next release of the series the RD names (IZAR, IZAR.2, ...);
* a release recorded under an older checksum scheme
  (:data:`INPUTS_SCHEME`) cannot be compared: it is re-recorded under
  the current one, with a notice, instead of refused.

The small API that other packages read: ``releases(name)``, every
release of a resource, oldest first (list of :class:`Release`);
``current(name)``, the release served now, or None; ``get(name,
release)``, one release by its name.
"""

import dataclasses
import datetime
import hashlib
import json
import subprocess
import sys

from converters import rdschema

from . import config, dachs, ingest, release_inputs

__all__ = ["Release", "ReleaseError", "declared_name", "inputs_checksum",
           "software_version", "releases", "current", "get", "check",
           "record", "ensure_table", "is_serial", "serving_name",
           "STREAM", "TABLE", "INPUTS_SCHEME"]

#: The STREAM every table of a resource FEEDs with its release's name.
STREAM = rdschema.RELEASE_STREAM
#: The table of the releases (a scratch copy's name in tests).
TABLE = "releases.releases"
#: The version of :func:`inputs_checksum` that each release records
#: (column ``inputs_scheme``; NULL in rows written before it existed):
#: 1, the input files' paths and contents; 2 (since commit 134cc6e), of a
#: generated resource its generator's declaration and its files but for
#: their ROOT twins; 3, as 2, and a generated resource's JSON manifest
#: without the twins' sizes and checksums (which it lists).
INPUTS_SCHEME = 3
_COLUMNS = ("resource", "release", "published", "inputs_sha256",
            "fingerprint", "software", "tables", "row_counts", "n_rows",
            "did_prefix", "id_ranges", "doi", "inputs_scheme")


class ReleaseError(ValueError):
    """A release cannot be published as asked; the message says what the
    operator can do."""


@dataclasses.dataclass(frozen=True)
class Release:
    """One published release of a resource (a row of releases.releases).

    Attributes
    ----------
    resource, name : str
        The resource (RD, schema) and the release's name.
    published : datetime.datetime
        When it was published (UTC).
    inputs_sha256 : str
        Checksum of its input files (:func:`inputs_checksum`).
    fingerprint : str
        The import fingerprint (:mod:`apdc.fingerprint`).
    software : str
        The converters' version (:func:`software_version`).
    tables : tuple of str
        Qualified table names.
    row_counts : dict
        Table name (unqualified) -> rows.
    did_prefix : str
        Publisher DIDs of its rows are this prefix and a row's key.
    id_ranges : dict
        Table name -> [smallest, largest] primary key.
    doi : str or None
        The minted DOI; None until the operator mints one.
    inputs_scheme : int or None
        The :data:`INPUTS_SCHEME` ``inputs_sha256`` was computed under
        (None: recorded before schemes were, i.e. scheme 1).
    """

    resource: str
    name: str
    published: datetime.datetime
    inputs_sha256: str
    fingerprint: str
    software: str
    tables: tuple
    row_counts: dict
    n_rows: int
    did_prefix: str
    id_ranges: dict
    doi: str = None
    inputs_scheme: int = None

    @property
    def label(self):
        """``resource release (YYYY-MM-DD)``, as results and files name it."""
        return f"{self.resource} {self.name} ({self.published:%Y-%m-%d})"


def declared_name(resource_name, rd_dir=None):
    """The release name the RD declares; None if no table names one.

    ReleaseError if only some tables name a release, or different ones
    (:func:`converters.rdschema.release_name`).
    """
    try:
        return rdschema.release_name(resource_name,
                                     rd_dir or config.RD_DIR)
    except rdschema.RDSchemaError as exc:
        raise ReleaseError(f"{exc} (docs/releases.md)") from None


def inputs_checksum(resource, conn=None):
    """SHA-256 over the relative paths and contents of the input files.

    Unlike the import fingerprint it ignores code, RD and modification
    times: only different input *data* make a different release.  A
    resource built on others' tables (property ``dependsOn``, e.g. the
    airshowers view) also covers their current releases, so that a new
    release of a member is a new release of the view.  A generated
    resource's inputs are its generator's declaration (function, seed,
    options) and the files it wrote, but for their ROOT twins (also
    where the manifest lists them).
    """
    digest = hashlib.sha256()
    generator = resource.manifest.get("generator")
    if generator:
        digest.update(json.dumps(generator, sort_keys=True).encode())
    for path in resource.sources():
        if generator and path.suffix == ".root":
            # A generated run file's ROOT twin holds the HDF5 file's
            # events, but uproot writes a random UUID and the write time
            # into it: its bytes differ on every generation.
            continue
        digest.update(f"{path.relative_to(resource.data_dir)}\0"
                      f"{release_inputs.file_digest(path, bool(generator))}\n"
                      .encode())
    members = rdschema.resource_properties(resource.name).get(
        "dependsOn", "").split() if resource.rd_path.is_file() else []
    for member in sorted(members):
        served = current(member, conn)
        digest.update(f"{member}:{served.name if served else ''}:"
                      f"{served.inputs_sha256 if served else ''}\n".encode())
    return digest.hexdigest()


def software_version():
    """The checkout's git commit (``+dirty`` with uncommitted changes)."""
    def git(*args):
        return subprocess.run(["git", "-C", str(config.PROJECT_DIR), *args],
                              capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "HEAD") or "unknown"
    return commit + ("+dirty" if git("status", "--porcelain", "--",
                                     "apdc", "converters", "rd") else "")


def ensure_table(conn, table="releases"):
    """Create ``releases.<table>`` from rd/releases.rd if it is missing;
    add the columns that a table made by an earlier version lacks."""
    qualified = TABLE if table == "releases" else f"releases.{table}"
    with conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", (qualified,))
        exists = cursor.fetchone()[0] is not None
    if not exists:
        dachs.run("imp", "releases", f"create_{table}", quiet=True)
    if table != "releases":
        return
    with conn.cursor() as cursor:
        # asked first: ALTER TABLE locks out readers even if it adds nothing
        cursor.execute("SELECT count(*) FROM pg_attribute WHERE attrelid "
                       "= to_regclass(%s) AND attname = 'inputs_scheme' "
                       "AND NOT attisdropped", (qualified,))
        if cursor.fetchone()[0]:
            return
        cursor.execute(f"ALTER TABLE {qualified} ADD COLUMN IF NOT "
                       "EXISTS inputs_scheme integer")
    conn.commit()
    if qualified == "releases.releases":    # TAP_SCHEMA learns the column
        dachs.run("imp", "-m", "releases", "create_releases", quiet=True)


def _connection(conn):
    return conn if conn is not None else ingest.get_connection()


def _from_row(row):
    values = dict(zip(_COLUMNS, row))
    values["name"] = values.pop("release")
    values["tables"] = tuple(values["tables"].split())
    values["row_counts"] = json.loads(values["row_counts"])
    values["id_ranges"] = json.loads(values["id_ranges"])
    return Release(**values)


def releases(resource_name, conn=None):
    """Every release of ``resource_name``, oldest first.

    Parameters
    ----------
    resource_name : str
    conn : psycopg2 connection, optional
        Default: a new connection with DaCHS's admin profile.

    Returns
    -------
    list of Release
    """
    own = conn is None
    conn = _connection(conn)
    try:
        ensure_table(conn)
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} "
                           "WHERE resource = %s ORDER BY published",
                           (resource_name,))
            return [_from_row(row) for row in cursor.fetchall()]
    finally:
        if own:
            conn.close()


def current(resource_name, conn=None):
    """The release served now (the latest), or None if none is recorded."""
    found = releases(resource_name, conn)
    return found[-1] if found else None


def get(resource_name, release_name, conn=None):
    """The release ``release_name`` of ``resource_name``; ReleaseError if
    there is none."""
    for release in releases(resource_name, conn):
        if release.name == release_name:
            return release
    raise ReleaseError(f"{resource_name} has no release {release_name!r}; "
                       "'SELECT * FROM releases.releases' lists them")


def is_serial(resource_name):
    """True if the RD declares ``<property name="releases">serial</property>``:
    a resource that grows by itself (alerts added by ``apdc alert add``),
    whose every import from new inputs is the next release of the
    declared series, NAME.2, NAME.3, ..."""
    return rdschema.resource_properties(resource_name).get(
        "releases", "").strip() == "serial"


def serving_name(resource, inputs=None, conn=None):
    """The name of the release an import of ``resource`` from its current
    inputs publishes (or re-serves); None if the RD names no release."""
    name = declared_name(resource.name)
    if name is None or not is_serial(resource.name):
        return name
    inputs = inputs or inputs_checksum(resource, conn)
    series = [r for r in releases(resource.name, conn)
              if r.name == name or r.name.startswith(f"{name}.")]
    if not series:
        return name
    if series[-1].inputs_sha256 == inputs or _old_scheme(series[-1]):
        return series[-1].name
    return f"{name}.{len(series) + 1}"


def _old_scheme(release):
    """True if the release's checksum is of an older :data:`INPUTS_SCHEME`
    (and so cannot be compared with one computed now)."""
    return (release.inputs_scheme or 1) < INPUTS_SCHEME


def check(resource, inputs=None, conn=None, notify=True):
    """Refuse, before an import touches a table, to publish other inputs
    under a release name already published.

    A release recorded under an older :data:`INPUTS_SCHEME` is not
    refused: its checksum cannot be compared, so a notice says that
    :func:`record` re-records it under the current scheme.

    Parameters
    ----------
    resource : apdc.resources.Resource
    inputs : str, optional
        :func:`inputs_checksum` of the resource, if the caller has it.
    notify : bool
        Print the notice of an older scheme (once per import).

    Returns
    -------
    str
        The inputs checksum (to pass on to :func:`record`).
    """
    name = declared_name(resource.name)
    inputs = inputs or inputs_checksum(resource, conn)
    if name is None:
        print(f"[{resource.name}] warning: rd/{resource.name}.rd names no "
              f'release (FEED source="{STREAM}" name="..." in each table); '
              "no release is recorded", file=sys.stderr, flush=True)
        return inputs
    name = serving_name(resource, inputs, conn)
    for release in releases(resource.name, conn):
        if release.name != name or release.inputs_sha256 == inputs:
            continue
        if _old_scheme(release):
            if notify:
                print(f"[{resource.name}] notice: release {name} was "
                      "recorded under inputs checksum scheme "
                      f"{release.inputs_scheme or 1}, which cannot be "
                      f"compared with scheme {INPUTS_SCHEME} (generator "
                      "declaration and files, without generated ROOT "
                      f"twins); it is re-recorded under scheme "
                      f"{INPUTS_SCHEME} (inputs SHA-256 {inputs[:12]}...)",
                      file=sys.stderr, flush=True)
            continue
        raise ReleaseError(
            f"{resource.name}: release {name} was published on "
            f"{release.published:%Y-%m-%d} from other input files "
            f"(inputs SHA-256 {release.inputs_sha256[:12]}..., now "
            f"{inputs[:12]}...); a published release never changes.  "
            f"Give the new inputs a new release name in "
            f"rd/{resource.name}.rd (every FEED source=\"{STREAM}\"), "
            f"then run 'apdc import {resource.name}' again; the served "
            "tables are unchanged.")
    return inputs


def _rescheme(conn, release, inputs):
    """Record ``release`` under the current scheme; the updated row."""
    with conn.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET inputs_sha256 = %s, "
                       "inputs_scheme = %s WHERE resource = %s AND "
                       "release = %s", (inputs, INPUTS_SCHEME,
                                        release.resource, release.name))
    conn.commit()
    return dataclasses.replace(release, inputs_sha256=inputs,
                               inputs_scheme=INPUTS_SCHEME)


def _id_ranges(cursor, resource, counts):
    ranges = {}
    for table in counts:
        cursor.execute("""SELECT a.attname FROM pg_index i JOIN pg_attribute a
            ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = to_regclass(%s) AND i.indisprimary""",
                       (f"{resource}.{table}",))
        keys = [row[0] for row in cursor.fetchall()]
        if len(keys) == 1 and counts[table]:
            cursor.execute(f"SELECT MIN({keys[0]})::text, MAX({keys[0]})::text"
                           f" FROM {resource}.{table}")
            ranges[table] = list(cursor.fetchone())
    return ranges


def record(resource, row_counts, fingerprint, inputs=None, conn=None):
    """Record the release just imported (nothing if it is recorded).

    Parameters
    ----------
    resource : apdc.resources.Resource
    row_counts : dict
        Table name -> rows, after the import.
    fingerprint : str
        The import's fingerprint.
    inputs : str, optional
        The inputs checksum :func:`check` returned.

    Returns
    -------
    Release or None
        The release now served; None if the RD names no release.
    """
    own = conn is None
    conn = _connection(conn)
    try:
        # the importer's check() has said it (notice) when it passes inputs
        inputs = check(resource, inputs, conn, notify=inputs is None)
        name = serving_name(resource, inputs, conn)
        if name is None:
            return None
        for release in releases(resource.name, conn):
            if release.name == name:
                # a row of an older scheme (or NULL): stamp the scheme
                return (_rescheme(conn, release, inputs)
                        if release.inputs_scheme != INPUTS_SCHEME
                        else release)
        authority = config.site_settings()["authority"]
        with conn.cursor() as cursor:
            values = (resource.name, name,
                      datetime.datetime.now(datetime.timezone.utc).replace(
                          tzinfo=None, microsecond=0),
                      inputs, fingerprint, software_version(),
                      " ".join(f"{resource.name}.{t}" for t in row_counts),
                      json.dumps(row_counts, sort_keys=True),
                      sum(row_counts.values()),
                      f"ivo://{authority}/~?{resource.name}/",
                      json.dumps(_id_ranges(cursor, resource.name,
                                            row_counts), sort_keys=True),
                      None, INPUTS_SCHEME)
            cursor.execute(f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) "
                           f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})",
                           values)
        conn.commit()
        return get(resource.name, name, conn)
    finally:
        if own:
            conn.close()

