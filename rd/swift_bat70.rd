<?xml version="1.0" encoding="utf-8"?>
<!-- Swift-BAT 70-month hard X-ray survey catalogue.

Filled by "apdc import swift_bat70" from the pipe-separated
BAT_70m_catalog_20nov2012.txt through
converters/catalogs/swift_bat.py:swift_bat70_table; the data element only creates
the table.
-->
<resource schema="swift_bat70" resdir="../resources/swift_bat70">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Swift-BAT 70-Month Hard X-ray Survey Catalogue</meta>
  <meta name="shortName">Swift-BAT 70m</meta>
  <meta name="description">
    The catalogue of the Swift-BAT 70-month all-sky hard X-ray survey (14-195
    keV, 2004 December to 2010 September): 1,210 counterparts of 1,171 BAT
    sources, with BAT and counterpart positions, signal-to-noise ratio, flux,
    photon index, redshift and luminosity, and the type of the counterpart
    (more than 700 AGN: Seyferts, blazars, quasars; X-ray binaries,
    cataclysmic variables, ...).
  </meta>
  <meta name="subject">x-ray-astronomy</meta>
  <meta name="subject">x-ray-sources</meta>
  <meta name="subject">active-galactic-nuclei</meta>
  <meta name="subject">seyfert-galaxies</meta>
  <meta name="subject">catalogs</meta>
  <meta name="coverage.waveband">X-ray</meta>
  <meta name="creator">Baumgartner, W. H.</meta>
  <meta name="creator">Tueller, J.</meta>
  <meta name="creator">Markwardt, C. B.</meta>
  <meta name="instrument">Swift BAT</meta>
  <meta name="facility">Neil Gehrels Swift Observatory</meta>
  <meta name="source">2013ApJS..207...19B</meta>
  <meta name="referenceURL">https://swift.gsfc.nasa.gov/results/bs70mon/</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Catalog</meta>
  <meta name="rights">
    Public NASA data from the Swift mission (the catalogue carries no separate
    licence); NASA data are free to use. Cite W. H. Baumgartner et al., 'The
    70 month Swift-BAT all-sky hard X-ray survey', ApJS 207 (2013) 19,
    doi:10.1088/0067-0049/207/2/19.
  </meta>
  <meta name="rights.rightsURI">https://www.nasa.gov/nasa-brand-center/images-and-media/</meta>
  <meta name="howtociteLink">https://doi.org/10.1088/0067-0049/207/2/19</meta>
  <meta name="_longdoc" format="rst">
    Provenance: BAT_70m_catalog_20nov2012.txt of the Swift-BAT 70-month survey
    pages (https://swift.gsfc.nasa.gov/results/bs70mon/), a pipe-separated
    table with a header and a units line; one row per counterpart.

    Changes: columns renamed to lower case (original names in the
    descriptions); fluxes converted from 1e-12 erg/cm2/s to mW/m2 (= erg/cm2/s); NULL
    for the file's NULL, for blank fields and for redshifts of 0 or -1 (the
    file's values for none); gal_l, gal_b computed from ra, dec. class is
    derived from the catalogue's class number (CL2, class_code, meanings as
    the TYPE texts of each code show: 0 unknown, 1 galactic, 2 galaxy, 3
    galaxy cluster, 4 Seyfert I, 5 Seyfert II, 6 other AGN, 7 blazar/BL Lac, 8
    quasar/FSRQ, 9 CV, 10 pulsar, 11 SNR, 12 star, 13 HMXB, 14 LMXB, 15 other
    X-ray binary): unk, galactic, gal, galcl, sy1, sy2, agn, bcu, qso, cv,
    psr, snr, star, hmb, lmb, bin; for classes 7 and 8 a TYPE naming a BL Lac
    gives bll and one naming an FSRQ, HPQ or LPQ gives fsrq.
  </meta>

  <table id="main" onDisk="True" adql="True" mixin="//scs#q3cindex"
      primary="swift_name">
    <FEED source="releases#current" name="RIGEL"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <!-- The file's fields, in file order (its header abbreviates them);
      the columns below name theirs in property source. -->
    <property name="source_fields">seq BAT_NAME RA DEC SNR COUNTERPART_NAME OTHER_NAME CTPT_RA CTPT_DEC FLUX FLUX_LO FLUX_HI CONTA GAMMA GAMMA_LO GAMMA_HI CHI_SQ_R REDSHIFT LUM ASSOC_STREN CL2 TYPE</property>
    <property name="source_null">NULL</property>
    <meta name="description">
      One row per counterpart of a BAT 70-month source.
    </meta>
    <stc>Position ICRS "ra" "dec"</stc>

    <index columns="class"/>
    <index columns="counterpart_name"/>
    <index columns="redshift"/>

    <column name="swift_name" type="text" ucd="meta.id;meta.main"
      tablehead="BAT name" verbLevel="1" required="True"
      description="BAT source name, SWIFT Jhhmm.m+ddmm (BAT_NAME).">
      <property name="source">BAT_NAME</property>
      <property name="unique">True</property>
    </column>
    <column name="bat_index" type="integer" ucd="meta.record" tablehead="No."
      verbLevel="10" required="True"
      description="Running number of the counterpart in the catalogue (first
      column).">
      <property name="source">seq</property>
    </column>
    <FEED source="common#positions" raSource="RA" decSource="DEC"/>
    <column name="gal_l" type="double precision" unit="deg"
      ucd="pos.galactic.lon" tablehead="l" verbLevel="5"
      description="Galactic longitude, computed from ra, dec.">
      <property name="derive">galactic_l</property>
    </column>
    <column name="gal_b" type="double precision" unit="deg"
      ucd="pos.galactic.lat" tablehead="b" verbLevel="5"
      description="Galactic latitude, computed from ra, dec.">
      <property name="derive">galactic_b</property>
    </column>
    <column name="snr" type="real" ucd="stat.snr" tablehead="S/N"
      verbLevel="5"
      description="Detection signal-to-noise ratio (SNR).">
      <property name="source">SNR</property>
    </column>
    <column name="counterpart_name" type="text" ucd="meta.id.assoc"
      tablehead="Counterpart" verbLevel="1"
      description="Name of the counterpart (COUNTERPART_NAME).">
      <property name="source">COUNTERPART_NAME</property>
    </column>
    <column name="other_name" type="text" ucd="meta.id.cross"
      tablehead="Other name" verbLevel="10"
      description="Another name of the counterpart (OTHER_NAME).">
      <property name="source">OTHER_NAME</property>
    </column>
    <column name="ctpt_ra" type="double precision" unit="deg" ucd="pos.eq.ra"
      tablehead="Ctpt RA" verbLevel="5"
      description="ICRS right ascension of the counterpart (CTPT_RA).">
      <property name="source">CTPT_RA</property>
    </column>
    <column name="ctpt_dec" type="double precision" unit="deg"
      ucd="pos.eq.dec" tablehead="Ctpt Dec" verbLevel="5"
      description="ICRS declination of the counterpart (CTPT_DEC).">
      <property name="source">CTPT_DEC</property>
    </column>
    <column name="flux" type="double precision" unit="mW.m**-2"
      ucd="phot.flux;em.X-ray.hard" tablehead="Flux" verbLevel="1"
      description="Flux in 14-195 keV (FLUX, converted from 1e-12 erg/cm2/s).">
      <property name="source">FLUX</property>
      <property name="source_unit">1e-12 erg.cm**-2.s**-1</property>
    </column>
    <column name="flux_lo" type="double precision" unit="mW.m**-2"
      ucd="phot.flux;stat.min" tablehead="Flux lo" verbLevel="15"
      description="Lower end of the 90% confidence interval of flux
      (FLUX_LO).">
      <property name="source">FLUX_LO</property>
      <property name="source_unit">1e-12 erg.cm**-2.s**-1</property>
    </column>
    <column name="flux_hi" type="double precision" unit="mW.m**-2"
      ucd="phot.flux;stat.max" tablehead="Flux hi" verbLevel="15"
      description="Upper end of the 90% confidence interval of flux
      (FLUX_HI).">
      <property name="source">FLUX_HI</property>
      <property name="source_unit">1e-12 erg.cm**-2.s**-1</property>
    </column>
    <column name="contamination" type="real" ucd="phot.flux;arith.ratio"
      tablehead="Contam." verbLevel="15"
      description="Contamination of the flux by nearby sources, as given
      (CONTA).">
      <property name="source">CONTA</property>
    </column>
    <column name="gamma" type="real" ucd="spect.index" tablehead="Gamma"
      verbLevel="5"
      description="Photon index of a power-law fit of the BAT spectrum
      (GAMMA).">
      <property name="source">GAMMA</property>
    </column>
    <column name="gamma_lo" type="real" ucd="spect.index;stat.min"
      tablehead="Gamma lo" verbLevel="15"
      description="Lower end of the 90% confidence interval of gamma.">
      <property name="source">GAMMA_LO</property>
    </column>
    <column name="gamma_hi" type="real" ucd="spect.index;stat.max"
      tablehead="Gamma hi" verbLevel="15"
      description="Upper end of the 90% confidence interval of gamma.">
      <property name="source">GAMMA_HI</property>
    </column>
    <column name="chi2_red" type="real" ucd="stat.fit.chi2"
      tablehead="chi2 red" verbLevel="15"
      description="Reduced chi-square of the spectral fit (CHI_SQ_R).">
      <property name="source">CHI_SQ_R</property>
    </column>
    <column name="redshift" type="real" ucd="src.redshift" tablehead="z"
      verbLevel="1"
      description="Redshift of the counterpart (REDSHIFT); NULL where the file
      gives 0 or -1.">
      <property name="source">REDSHIFT</property>
      <property name="null_at_most">0</property>
    </column>
    <column name="log_lum" type="real" unit="log(erg.s**-1)"
      ucd="phys.luminosity;em.X-ray.hard" tablehead="log L" verbLevel="5"
      description="Decadic logarithm of the 14-195 keV luminosity in erg/s
      (LUM).">
      <property name="source">LUM</property>
    </column>
    <column name="assoc_strength" type="smallint" ucd="meta.code.qual"
      tablehead="Assoc." verbLevel="10" required="True"
      description="Association strength code as given (ASSOC_STREN).">
      <property name="source">ASSOC_STREN</property>
    </column>
    <column name="class_code" type="smallint" ucd="src.class" tablehead="CL2"
      verbLevel="10" required="True"
      description="The catalogue's class number (CL2): 0 unknown, 1 galactic,
      2 galaxy, 3 galaxy cluster, 4 Seyfert I, 5 Seyfert II, 6 other AGN, 7
      blazar/BL Lac, 8 quasar/FSRQ, 9 CV, 10 pulsar, 11 SNR, 12 star, 13 HMXB,
      14 LMXB, 15 other X-ray binary.">
      <values min="0" max="15"/>
      <property name="source">CL2</property>
    </column>
    <column name="type" type="text" ucd="src.class" tablehead="Type"
      verbLevel="5"
      description="Type of the counterpart as given, free text (TYPE; e.g.
      Sy1.5, Sy2, BL Lac, HMXB/NS).">
      <property name="source">TYPE</property>
    </column>
    <column name="class" type="text" ucd="src.class" tablehead="Class"
      verbLevel="1" required="True"
      description="Normalised class from class_code (and TYPE for blazars).
      Lower-case class code of the data centre's vocabulary shared by all
      catalogues (docs/catalogs.md), e.g. bll, fsrq, bcu (blazars), sy1, sy2
      (Seyferts), psr, pwn, snr; select blazars with class IN
      ('bll','fsrq','bcu').">
      <property name="derive">swift_class</property>
    </column>
  </table>

  <coverage>
    <updater sourceTable="main"/>
  </coverage>

  <!-- Only creates the table; "apdc import swift_bat70" fills it
    (converters/catalogs/swift_bat.py:swift_bat70_table). -->
  <data id="create" auto="False">
    <make table="main"/>
  </data>
  <FEED source="common#cone"
      title="Swift-BAT 70m Cone Search"
      shortName="BAT 70m cone"
      description="Cone search over the Swift-BAT 70-month hard X-ray catalogue (BAT positions, ICRS)."
      testRA="182.674"
      testDec="39.417"
      testSR="0.2"
      condDescs="class redshift"/>

  <regSuite title="Swift-BAT 70m regression">
    <regTest title="Swift-BAT cone search finds the Seyfert NGC 4151">
      <url RA="182.674" DEC="39.417" SR="0.2">cone/scs.xml</url>
      <code>
        rows = self.getVOTableRows()
        found = [r for r in rows if r["counterpart_name"] == "NGC 4151"]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["class"], "sy1")
      </code>
    </regTest>
    <regTest title="Swift-BAT 70m table is in TAP with all rows of the file">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        swift_bat70.main">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 1210)
      </code>
    </regTest>
    <regTest title="Swift-BAT Seyferts are selected by class">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM swift_bat70.main WHERE class IN ('sy1','sy2')">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 553)
      </code>
    </regTest>
  </regSuite>
</resource>
