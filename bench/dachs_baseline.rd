<?xml version="1.0" encoding="utf-8"?>
<!-- Baseline for bench/ingest.py: the KCDC ASCII export imported the way
the DaCHS tutorial does it, a reGrammar splitting on whitespace and a
rowmaker mapping every field, through "dachs imp".  It stores the KCDC
quantities only (no sky coordinates), which favours the baseline.
The bench script passes the data directory as resdir. -->
<resource schema="apdc_bench">
  <meta name="title">Ingestion baseline (benchmark only)</meta>
  <meta name="description">Not published: a benchmark table.</meta>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="creator">Astroparticle VO Data Centre</meta>

  <table id="raw" onDisk="True">
    <column name="e" type="double precision" unit="" description="KCDC E"/>
    <column name="yc" type="real" unit="m" description="KCDC YC"/>
    <column name="xc" type="real" unit="m" description="KCDC XC"/>
    <column name="ze" type="double precision" unit="deg" description="KCDC ZE"/>
    <column name="az" type="double precision" unit="deg" description="KCDC AZ"/>
    <column name="ne" type="real" description="KCDC NE"/>
    <column name="nmu" type="real" description="KCDC NMU"/>
    <column name="esumhad" type="real" unit="GeV" description="KCDC ESUMHAD"/>
    <column name="nhad" type="integer" description="KCDC NHAD"/>
    <column name="t" type="real" description="KCDC T"/>
    <column name="p" type="real" unit="hPa" description="KCDC P"/>
    <column name="gt" type="bigint" unit="s" description="KCDC GT"/>
    <column name="mt" type="bigint" unit="ns" description="KCDC MT"/>
    <column name="ymd" type="integer" description="KCDC YMD"/>
    <column name="hms" type="integer" description="KCDC HMS"/>
    <column name="r" type="integer" description="KCDC R"/>
    <column name="ev" type="integer" description="KCDC EV"/>
    <column name="age" type="real" description="KCDC AGE"/>
  </table>

  <data id="import">
    <sources pattern="*.txt"/>
    <reGrammar topIgnoredLines="1" fieldSep="\s+" recordSep="\s*\n\s*"
      names="e, yc, xc, ze, az, ne, nmu, esumhad, nhad, t, p, gt, mt, ymd, hms, r, ev, age"/>
    <make table="raw">
      <rowmaker idmaps="*"/>
    </make>
  </data>
</resource>
