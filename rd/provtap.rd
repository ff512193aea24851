<?xml version="1.0" encoding="utf-8"?>
<!-- ProvTAP-like provenance tables and the FAIR records of every resource
(docs/fair.md).

No manifest: after every "apdc import", apdc/fair_records.py writes the
records (DataCite, JSON-LD, PROV, table DataLink documents) below
resources/provtap/data/records, served by the "records" service, and
apdc/provtap.py fills the tables from the PROV records ("dachs imp
provtap create" the first time).
-->
<resource schema="provtap" resdir="../resources/provtap">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-12-01T00:00:00Z</meta>
  <meta name="title">Provenance of the astroparticle data centre's tables (ProvTAP-like)</meta>
  <meta name="description">
    W3C PROV provenance of every table and derived product of the data
    centre, in tables shaped like IVOA ProvTAP (a draft, hence
    "ProvTAP-like"): the original files (with SHA-256 and origin URL),
    the imports that converted them (with the software version and the
    parameters), the tables and products they generated, and the agents
    (the data centre and the instrument teams).  The same records are
    served as PROV-JSON and PROV-N, with the DataCite and schema.org
    records, by the records service.
  </meta>
  <meta name="subject">astronomical-databases</meta>
  <meta name="creator">Astroparticle VO Data Centre</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Archive</meta>
  <meta name="rights">Metadata of the data centre, free to use (CC0 1.0).</meta>

  <STREAM id="resourcecol">
    <column name="resource" type="text" ucd="meta.id;meta.dataset"
      tablehead="Resource" verbLevel="1" required="True"
      description="Name of the resource (RD and schema) whose import the
        row records."/>
  </STREAM>

  <table id="entity" onDisk="True" adql="True">
    <meta name="description">PROV entities: original files, tables and
      derived products.</meta>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <column name="id" type="text" ucd="meta.id;meta.main"
      tablehead="Entity" verbLevel="1" required="True"
      description="Qualified PROV identifier of the entity."/>
    <column name="label" type="text" ucd="meta.title"
      tablehead="Label" verbLevel="1" required="True"
      description="File path below the resource's data folder, or table
        name."/>
    <column name="type" type="text" ucd="meta.code.class"
      tablehead="Type" verbLevel="1" required="True"
      description="apdc:OriginalFile, apdc:Table or
        apdc:DerivedProduct."/>
    <FEED source="resourcecol"/>
    <column name="location" type="text" ucd="meta.ref.url"
      tablehead="Origin" verbLevel="5" required="True"
      description="Where a file came from (official URL, origin named by
        the manifest, or the generator); empty for tables."/>
    <column name="sha256" type="text" ucd="meta.checksum"
      tablehead="SHA-256" verbLevel="5" required="True"
      description="SHA-256 of the file (hex); empty for tables."/>
    <column name="file_size" type="bigint" ucd="phys.size;meta.file" unit="byte"
      tablehead="Size" verbLevel="5" required="True"
      description="Size of the file; -1 for tables."/>
    <column name="n_rows" type="bigint" ucd="meta.number"
      tablehead="Rows" verbLevel="5" required="True"
      description="Rows of a table entity; -1 for files."/>
    <column name="release" type="text" ucd="meta.version"
      tablehead="Release" verbLevel="5" required="True"
      description="Release a table entity belongs to; empty for files."/>
  </table>

  <table id="activity" onDisk="True" adql="True">
    <meta name="description">PROV activities: the imports (conversion of
      original files into tables and products).</meta>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <column name="id" type="text" ucd="meta.id;meta.main"
      tablehead="Activity" verbLevel="1" required="True"
      description="Qualified PROV identifier of the activity."/>
    <column name="label" type="text" ucd="meta.title"
      tablehead="Label" verbLevel="1" required="True"
      description="What the activity did."/>
    <FEED source="resourcecol"/>
    <column name="start_time" type="text" ucd="time.start"
      tablehead="Start (UTC)" verbLevel="5" required="True"
      description="Start of the activity, ISO 8601 UTC."/>
    <column name="end_time" type="text" ucd="time.end"
      tablehead="End (UTC)" verbLevel="5" required="True"
      description="End of the activity, ISO 8601 UTC."/>
    <column name="software" type="text" ucd="meta.code;meta.software"
      tablehead="Software" verbLevel="5" required="True"
      description="Version of the converters (git commit of the
        checkout, +dirty with uncommitted changes)."/>
    <column name="parameters" type="text" ucd="meta.code"
      tablehead="Parameters" verbLevel="15" required="True"
      description="The import's parameters: the manifest's converters,
        product steps and generator options, as JSON."/>
  </table>

  <table id="agent" onDisk="True" adql="True">
    <meta name="description">PROV agents: the data centre and the
      instrument teams.</meta>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <column name="id" type="text" ucd="meta.id;meta.main"
      tablehead="Agent" verbLevel="1" required="True"
      description="Qualified PROV identifier of the agent."/>
    <column name="label" type="text" ucd="meta.title"
      tablehead="Name" verbLevel="1" required="True"
      description="Name of the organisation or person."/>
    <column name="type" type="text" ucd="meta.code.class"
      tablehead="Type" verbLevel="1" required="True"
      description="prov:Organization or prov:Person."/>
  </table>

  <STREAM id="relation">
    <column name="\first" type="text" ucd="meta.id"
      tablehead="\first" verbLevel="1" required="True"
      description="PROV identifier of the \firstwhat."/>
    <column name="\second" type="text" ucd="meta.id"
      tablehead="\second" verbLevel="1" required="True"
      description="PROV identifier of the \secondwhat."/>
    <FEED source="resourcecol"/>
  </STREAM>

  <table id="used" onDisk="True" adql="True">
    <meta name="description">PROV used: which activity read which
      entity.</meta>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <FEED source="relation" first="activity_id" firstwhat="activity"
      second="entity_id" secondwhat="entity it used"/>
  </table>

  <table id="wasgeneratedby" onDisk="True" adql="True">
    <meta name="description">PROV wasGeneratedBy: which activity made
      which entity.</meta>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <FEED source="relation" first="entity_id" firstwhat="generated entity"
      second="activity_id" secondwhat="activity"/>
  </table>

  <table id="wasassociatedwith" onDisk="True" adql="True">
    <meta name="description">PROV wasAssociatedWith: the agent responsible
      for an activity.</meta>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <FEED source="relation" first="activity_id" firstwhat="activity"
      second="agent_id" secondwhat="agent"/>
  </table>

  <table id="wasattributedto" onDisk="True" adql="True">
    <meta name="description">PROV wasAttributedTo: the agent an entity is
      attributed to (instrument teams for original files, the data centre
      for tables).</meta>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <FEED source="relation" first="entity_id" firstwhat="entity"
      second="agent_id" secondwhat="agent"/>
  </table>

  <data id="create" auto="False">
    <make table="entity"/>
    <make table="activity"/>
    <make table="agent"/>
    <make table="used"/>
    <make table="wasgeneratedby"/>
    <make table="wasassociatedwith"/>
    <make table="wasattributedto"/>
  </data>

  <!-- The FAIR records: /provtap/records/static/<resource>/... -->
  <service id="records" allowed="static">
    <meta name="title">FAIR records of the data centre's resources</meta>
    <meta name="description">DataCite 4.5 XML, schema.org JSON-LD, W3C
      PROV-JSON and PROV-N and table-level DataLink documents of every
      resource, written at import (docs/fair.md).</meta>
    <property name="staticData">data/records</property>
    <nullCore/>
  </service>
</resource>
