<?xml version="1.0" encoding="utf-8"?>
<!-- Shared pieces of the data centre's RDs.

No tables, no services, no manifest: other RDs FEED the STREAMs below
by their ids common#positions and common#cone; each STREAM's doc
element gives its macros.
-->
<resource schema="common" resdir=".">
  <meta name="title">Shared RD elements of the astroparticle data centre</meta>
  <meta name="description">
    STREAMs that the data centre's resource descriptors share: the sky
    position columns and the cone search service.  This RD publishes
    nothing itself.
  </meta>
  <meta name="creationDate">2026-12-01T00:00:00Z</meta>

  <NXSTREAM id="jsonld">
    <doc>
      The schema.org Dataset JSON-LD of the resource (fair/jsonld.py) as
      the meta item _jsonld, which the service info pages embed in a
      script element (docs/fair.md).  It is the record the last import
      wrote, or, before one, the record built from the RD alone.  FEED
      it once at resource level; no macros.  An NXSTREAM, so that the
      LOOP runs in the RD that FEEDs it (context.forRD).
    </doc>
    <LOOP>
      <codeItems>
        # run where the STREAM is replayed (not in common.rd itself)
        if context.forRD != "common":
            from fair import jsonld
            yield {"record": jsonld.embeddable_for(context.forRD)}
      </codeItems>
      <events>
        <meta name="_jsonld" format="literal">\\record</meta>
      </events>
    </LOOP>
  </NXSTREAM>

  <STREAM id="positions">
    <doc>
      The ICRS position columns ra and dec (double precision, deg, UCDs
      pos.eq.ra;meta.main and pos.eq.dec;meta.main, RA within [0, 360],
      Dec within [-90, 90]) of a table with one position per row; the
      cone search (common#cone) and //scs#q3cindex work on them.

      Macros (FEED attributes):

      * what: what the position is of, completing "ICRS right ascension
        of ..." (default "the source");
      * note: text appended to both descriptions, starting with its
        separator, e.g. " (published, rounded to 0.1 deg)" (default:
        nothing);
      * required: True (default) or False where rows may lack a position;
      * from: source (default) if the converter reads the values from a
        field of the input file, derive if it computes them;
      * raSource, decSource: that field of the input file or the name of
        the computation (defaults ra and dec).

      The last two become the column property source or derive
      (converters/columns.py).
    </doc>
    <DEFAULTS what="the source" note="" required="True" from="source"
      raSource="ra" decSource="dec"/>
    <column name="ra" type="double precision" unit="deg"
        ucd="pos.eq.ra;meta.main" tablehead="RA" verbLevel="1"
        required="\required"
        description="ICRS right ascension of \what\note.">
      <values min="0" max="360"/>
      <property name="\from">\raSource</property>
    </column>
    <column name="dec" type="double precision" unit="deg"
        ucd="pos.eq.dec;meta.main" tablehead="Dec" verbLevel="1"
        required="\required"
        description="ICRS declination of \what\note.">
      <values min="-90" max="90"/>
      <property name="\from">\decSource</property>
    </column>
  </STREAM>

  <NXSTREAM id="cone">
    <doc>
      A cone search service with the id cone over a table with the
      columns ra and dec (common#positions), published as an SCS
      (ivo_managed) and as a form (ivo_managed, local), the query
      parameters of //scs#coreDescs and one further parameter for each
      column named in condDescs.

      Macros (FEED attributes):

      * table: the id of the queried table (default main);
      * title, shortName, description: the service's metadata;
      * testRA, testDec, testSR: the test position and radius (deg) of
        the registry record (testQuery), where rows must be found;
      * condDescs: blank-separated names of the table's columns to
        build further query parameters from (may be empty).
    </doc>
    <DEFAULTS table="main" condDescs=""/>
    <service id="cone" allowed="form,scs.xml">
      <meta name="title">\title</meta>
      <meta name="shortName">\shortName</meta>
      <meta name="description">\description</meta>
      <meta name="testQuery">
        <meta name="ra">\testRA</meta>
        <meta name="dec">\testDec</meta>
        <meta name="sr">\testSR</meta>
      </meta>
      <publish render="form" sets="ivo_managed,local"/>
      <publish render="scs.xml" sets="ivo_managed"/>
      <scsCore queriedTable="\table">
        <FEED source="//scs#coreDescs"/>
        <LOOP listItems="\condDescs">
          <events>
            <condDesc buildFrom="\\item"/>
          </events>
        </LOOP>
      </scsCore>
    </service>
  </NXSTREAM>
</resource>
