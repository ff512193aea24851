<?xml version="1.0" encoding="utf-8"?>
<!-- The named, immutable releases of the data centre's resources and the
fixity audits of their archival packages (docs/releases.md,
docs/archive.md).

No manifest: apdc/releases.py creates each table ("dachs imp releases
create_TABLE") the first time it records a release, and writes the rows
itself.  Other RDs FEED releases#current into each of their tables to
name the release that the tables serve (the TAP INFO "release").
-->
<resource schema="releases" resdir=".">
  <property name="simulated">False</property>
  <meta name="creationDate">2026-12-01T00:00:00Z</meta>
  <meta name="title">Releases and fixity audits of the astroparticle data centre</meta>
  <meta name="description">
    One row per named release of every resource of the data centre: its
    name, publication date, the checksum of the input files it was made
    from, its tables and their row counts, the publisher DID prefix and
    identifier range of its rows, and its DOI once minted.  A release,
    once published, never changes; a re-import from other inputs is a
    new release.  A second table records every fixity audit of the
    releases' archival packages (BagIt bags).
  </meta>
  <meta name="subject">astronomical-databases</meta>
  <meta name="creator">Astroparticle VO Data Centre</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Archive</meta>
  <meta name="rights">Metadata of the data centre, free to use (CC0 1.0).</meta>

  <STREAM id="current">
    <doc>
      The release a table serves, as table metadata that DaCHS writes into
      every TAP result from the table (INFO name="release") and shows on
      the table's info page (the note "release").  FEED it in
      every on-disk table of a resource, with the macro name (the
      current release's name, e.g. ALDEBARAN); every table of an RD must
      name the same release (apdc/releases.py checks it).
    </doc>
    <meta name="info" infoName="release" infoValue="\name">Rows of
      release \name of this resource (releases.releases lists its
      date, inputs and row counts; earlier releases: docs/releases.md).</meta>
    <!-- the table's info page (/tableinfo/...) shows its notes -->
    <meta name="note" tag="release">This table serves release \name of
      its resource; releases.releases in TAP gives its date, input
      checksum, row counts and DOI, and its archival package restores
      it (docs/releases.md).</meta>
  </STREAM>

  <STREAM id="datalink">
    <doc>
      Inside a datalinkCore (FEED it there, no macros): each DataLink
      document gets a #documentation link to the record of the release
      the data come from, whose description names the release
      (services/release_link.py).
    </doc>
    <metaMaker semantics="#documentation">
      <setup><code>
        from services import release_link
      </code></setup>
      <code>
        yield from release_link.release_link(descriptor, self.rd.sourceId,
          base.getConfig("web", "serverURL").rstrip("/"))
      </code>
    </metaMaker>
  </STREAM>

  <table id="releases" onDisk="True" adql="True" primary="resource,release">
    <meta name="description">
      The named releases of the data centre's resources, oldest first
      within a resource; the latest is the one served in the resource's
      own schema.
    </meta>
    <column name="resource" type="text" ucd="meta.id;meta.dataset"
      tablehead="Resource" verbLevel="1" required="True"
      description="Name of the resource (its RD and its schema)."/>
    <column name="release" type="text" ucd="meta.version"
      tablehead="Release" verbLevel="1" required="True"
      description="Name of the release, as declared in the resource's RD
        (FEED releases#current)."/>
    <column name="published" type="timestamp" ucd="time.release"
      unit="" tablehead="Published (UTC)" verbLevel="1" required="True"
      description="When the release was first published (end of the
        import that made it)." displayHint="type=humanDate"/>
    <column name="inputs_sha256" type="text" ucd="meta.checksum"
      tablehead="Inputs SHA-256" verbLevel="5" required="True"
      description="SHA-256 over the relative paths and SHA-256 digests of
        the release's input files (the original files as fetched or
        generated); a different value is a different release."/>
    <column name="fingerprint" type="text" ucd="meta.checksum"
      tablehead="Import fingerprint" verbLevel="15" required="True"
      description="The import fingerprint (apdc/fingerprint.py: RD,
        manifest, inputs, code) of the import that published the
        release."/>
    <column name="software" type="text" ucd="meta.code;meta.software"
      tablehead="Converter version" verbLevel="15" required="True"
      description="Version of the data centre's converters that made the
        tables: the git commit of the checkout, with +dirty if it had
        uncommitted changes."/>
    <column name="tables" type="text" ucd="meta.id;meta.table"
      tablehead="Tables" verbLevel="5" required="True"
      description="Qualified names of the release's tables, separated by
        spaces."/>
    <column name="row_counts" type="text" ucd="meta.number;meta.table"
      tablehead="Rows per table" verbLevel="15" required="True"
      description="Rows of each table, as a JSON object of table name to
        number of rows."/>
    <column name="n_rows" type="bigint" ucd="meta.number"
      tablehead="Rows" verbLevel="5" required="True"
      description="Number of rows of all the release's tables together."/>
    <column name="did_prefix" type="text" ucd="meta.ref.ivoid"
      tablehead="DID prefix" verbLevel="15" required="True"
      description="Prefix of the publisher DIDs of the release's rows
        (ivo://authority/~?resource/); a DID is this prefix and a row's
        identifier."/>
    <column name="id_ranges" type="text" ucd="meta.id;meta.main"
      tablehead="Identifier ranges" verbLevel="15" required="True"
      description="Per table with a primary key: the smallest and largest
        key of the release, as a JSON object of table name to [min, max]
        (the DIDs the release holds)."/>
    <column name="doi" type="text" ucd="meta.ref.doi"
      tablehead="DOI" verbLevel="5"
      description="DOI of the release once the operator has minted it;
        NULL until then (the DataCite record is ready in its archival
        package)."/>
    <column name="inputs_scheme" type="integer" ucd="meta.version"
      tablehead="Checksum scheme" verbLevel="15"
      description="Version of the inputs checksum inputs_sha256 was
        computed under (apdc/releases.py INPUTS_SCHEME): 2, a generated
        resource's generator declaration and its files but for their ROOT
        twins; 3, as 2 and its manifest without the twins' checksums;
        NULL for releases recorded before, under scheme 1 (all files);
        such a release is re-recorded under the current scheme at its
        next import (docs/releases.md).">
      <values nullLiteral="-1"/>
    </column>
  </table>

  <table id="fixity" onDisk="True" adql="True">
    <meta name="description">
      Every fixity audit of the archival packages: when, which bag, how
      many payload files were checked and which failed.
    </meta>
    <column name="checked" type="timestamp" ucd="time.processing"
      unit="" tablehead="Checked (UTC)" verbLevel="1" required="True"
      description="When the audit recomputed the bag's checksums."
      displayHint="type=humanDate"/>
    <column name="resource" type="text" ucd="meta.id;meta.dataset"
      tablehead="Resource" verbLevel="1" required="True"
      description="Name of the resource whose release the bag holds."/>
    <column name="release" type="text" ucd="meta.version"
      tablehead="Release" verbLevel="1" required="True"
      description="Name of the release the bag holds."/>
    <column name="n_files" type="integer" ucd="meta.number"
      tablehead="Files" verbLevel="5" required="True"
      description="Number of payload and tag files whose SHA-256 and
        SHA-512 were recomputed."/>
    <column name="ok" type="boolean" ucd="meta.code.status"
      tablehead="OK" verbLevel="1" required="True"
      description="True if every checksum matched and no file was missing
        or added."/>
    <column name="problems" type="text" ucd="meta.note"
      tablehead="Problems" verbLevel="5" required="True"
      description="The files that failed and why, one per line; empty if
        the bag is intact."/>
  </table>

  <!-- one data element per table, so that creating a missing one never
  drops the other (apdc/releases.py, apdc/fixity.py) -->
  <data id="create_releases" auto="False">
    <make table="releases"/>
  </data>
  <data id="create_fixity" auto="False">
    <make table="fixity"/>
  </data>
</resource>
