<?xml version="1.0" encoding="utf-8"?>
<!-- A KASCADE-like simulated events table split over the local server
and a postgres_fdw shard (issue 14, docs/operations.md "Adding a shard on
another host").

Installed as rd/kascade_sharded.rd only by tests/test_live_shards.py,
which imports it with "apdc import kascade_sharded" from three of
kascade_sim's run files, moves partitions to the shard with "apdc shard
move" and removes the resource afterwards; it is not imported by
"make up".

The table is a copy of kascade_sim#events (same columns, properties and
partitioning by run), with one change: no primary key.  PostgreSQL
refuses a foreign partition under a partitioned table with a unique
index, since it cannot enforce uniqueness across servers; event_did
gets a plain index instead (lookups by id).  DaCHS's original= copies
columns, indexes (q3c's included) and the primary key, but neither meta
nor properties: those this table needs are declared here.  It names no
release (apdc import records none; its rows are those of kascade_sim's
release) and has no DataLink service of its own.
-->
<resource schema="kascade_sharded" resdir="../resources/kascade_sharded">
  <property name="simulated">True</property>
  <meta name="creationDate">2026-12-02T00:00:00Z</meta>
  <meta name="title">KASCADE-like Simulated Events on a Shard (test)</meta>
  <meta name="description">
    SIMULATED DATA, not measurements: three runs of the KASCADE-like
    simulated events, stored partly on another PostgreSQL server (a
    postgres_fdw shard).  A test resource of the data centre.
  </meta>
  <meta name="creator">Astroparticle VO Data Centre</meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="rights">CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)</meta>

  <table id="events" original="kascade_sim#events" primary=""
      onDisk="True" adql="True">
    <meta name="description">
      One row per SIMULATED air shower, in the layout of kascade.events;
      some partitions are on a postgres_fdw shard.
    </meta>
    <!-- read by apdc (converters/rdschema.py), as in kascade_sim -->
    <property name="kcdc_files">runs/*.h5</property>
    <property name="partition_by">run</property>
    <property name="shop">False</property>
    <index columns="event_did"/>
  </table>

  <data id="create" auto="False">
    <make table="events"/>
  </data>

  <!-- not common#cone: a test resource is not registered (no publish) -->
  <service id="cone" allowed="scs.xml">
    <meta name="title">KASCADE-like Simulated Events on a Shard, Cone</meta>
    <scsCore queriedTable="events">
      <FEED source="//scs#coreDescs"/>
    </scsCore>
  </service>
</resource>
