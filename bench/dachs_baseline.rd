<?xml version="1.0" encoding="utf-8"?>
<!-- Baseline for bench/ingest.py: the KCDC ASCII export imported the way
the DaCHS tutorial does it, a reGrammar splitting on whitespace and a
rowmaker mapping every field, through "dachs imp".  It stores the KCDC
quantities only (no sky coordinates), which favours the baseline.
The bench script passes the data directory as resdir and fills in the
columns and the grammar's names from the KCDC quantities of
rd/kascade.rd (converters.kcdc_quantities), so that they are declared
once. -->
<resource schema="apdc_bench">
  <meta name="title">Ingestion baseline (benchmark only)</meta>
  <meta name="description">Not published: a benchmark table.</meta>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="creator">Astroparticle VO Data Centre</meta>

  <table id="raw" onDisk="True">
    <!-- COLUMNS: one per KCDC quantity of rd/kascade.rd, written by
      bench/ingest.py from converters.kcdc_quantities -->
  </table>

  <data id="import">
    <sources pattern="*.txt"/>
    <reGrammar topIgnoredLines="1" fieldSep="\s+" recordSep="\s*\n\s*"
      names="NAMES"/>
    <make table="raw">
      <rowmaker idmaps="*"/>
    </make>
  </data>
</resource>
