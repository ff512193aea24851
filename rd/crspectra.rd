<?xml version="1.0" encoding="utf-8"?>
<!-- Cosmic-ray energy spectra (all-particle, protons, electrons plus
positrons, positrons, antiprotons, diffuse gamma rays) from C. Evoli's
compilation The_CR_Spectrum, served through SSA, DataLink (SDM VOTable,
FITS, CSV) and TAP.

How each table is filled ("apdc import crspectra", manifest
resources/crspectra/dataset.json, docs/datalink.md):

* raw_spectra (one row per spectrum): DaCHS's own grammar, data
  "import" below ("dachs imp crspectra import", run by apdc after the
  COPY tables), rows from converters/crspectra.py:spectra_rows and the
  products table rows from //products#define (so that //soda#sdm_genDesc
  finds each spectrum);
* spectra: the SSA view (//ssap#view) over raw_spectra, re-made by data
  "make_view" after every "import";
* points (one row per point): the binary COPY of apdc
  (converters/crspectra.py:points_table); data "create" only creates it.

The PNG previews in data/previews are a product step of the manifest
(apdc/products/crspectra.py).  A malformed spectrum file is reported
and skipped; the other spectra are imported (docs/crspectra.md).
-->
<resource schema="crspectra" resdir="../resources/crspectra">
  <FEED source="common#jsonld"/>
  <property name="simulated">False</property>
  <meta name="creationDate">2026-11-24T00:00:00Z</meta>
  <meta name="title">Cosmic-Ray Energy Spectra (The_CR_Spectrum Compilation)</meta>
  <meta name="shortName">CR spectra</meta>
  <meta name="description">
    Published energy spectra of cosmic rays and of the diffuse gamma-ray
    background, as compiled by C. Evoli (The_CR_Spectrum): the
    all-particle spectrum measured by direct experiments (AMS-02, CREAM,
    NUCLEON) and by air-shower arrays (KASCADE, KASCADE-Grande,
    TUNKA-133, IceTop/IceCube, Tibet, HAWC, the Pierre Auger
    Observatory, Telescope Array), spectra of protons, of electrons
    plus positrons, of positrons and of antiprotons (AMS-02, PAMELA,
    BESS, CALET, DAMPE, CREAM-III, NUCLEON, Fermi-LAT, VERITAS, ...), and
    Fermi-LAT's diffuse and isotropic gamma-ray spectra.  Each spectrum
    gives the differential flux in m**-2 s**-1 sr**-1 GeV**-1 against
    total or kinetic energy per particle in GeV, with statistical and
    systematic uncertainties, and states the experiment, the hadronic
    interaction model used by air-shower analyses, the publication and
    the database it was taken from (KCDC, CRDB, SSDC).  The spectra are
    available as Spectral Data Model (SDM) VOTables, FITS and CSV through
    SSA and DataLink, with a preview plot each, and point by point in
    one TAP table, so that one ADQL query compares the experiments.
  </meta>
  <meta name="subject">cosmic-rays</meta>
  <meta name="subject">ultra-high-energy-cosmic-radiation</meta>
  <meta name="subject">gamma-ray-astronomy</meta>
  <meta name="subject">high-energy-astrophysics</meta>
  <meta name="creator">Evoli, C.</meta>
  <meta name="instrument">AMS-02</meta>
  <meta name="instrument">KASCADE</meta>
  <meta name="instrument">KASCADE-Grande</meta>
  <meta name="instrument">IceTop</meta>
  <meta name="instrument">Pierre Auger Observatory</meta>
  <meta name="instrument">Telescope Array</meta>
  <meta name="instrument">Fermi-LAT</meta>
  <meta name="facility">Various cosmic-ray experiments (see the spectra)</meta>
  <meta name="source">doi:10.5281/zenodo.4309926</meta>
  <meta name="referenceURL">https://github.com/carmeloevoli/The_CR_Spectrum</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="contentLevel">University</meta>
  <meta name="type">Compilation</meta>
  <meta name="productType">spectrum</meta>
  <meta name="coverage.waveband">Particle</meta>
  <meta name="coverage.waveband">Gamma-ray</meta>
  <meta name="ssap.dataSource">survey</meta>
  <meta name="ssap.creationType">archival</meta>
  <meta name="ssap.testQuery">MAXREC=1</meta>
  <meta name="rights">
    The compilation The_CR_Spectrum is (c) C. Evoli and distributed under
    the MIT licence.  Each spectrum is the published result of its
    experiment: publications using a spectrum must cite its original
    reference (columns reference, ref_doi, ref_bibcode; the #Ref line of
    the file) and, where given, the database it was taken from (KCDC,
    CRDB, SSDC; column compilation).  Please also acknowledge the
    compilation (C. Evoli, The_CR_Spectrum, doi:10.5281/zenodo.4309926).
  </meta>
  <meta name="rights.rightsURI">https://opensource.org/licenses/MIT</meta>
  <meta name="howtociteLink">https://doi.org/10.5281/zenodo.4309926</meta>
  <meta name="_longdoc" format="rst">
    Provenance: the 34 spectrum files of carmeloevoli/The_CR_Spectrum
    (commit e1d47525, folder data/), unchanged.  Each file is one
    published spectrum with a header naming its source database
    (#Source), reference (#Ref), experiment, quantity, energy type
    (#Units), origin URL and comments; four files of the compiler's own
    database (all-particle AMS-02 and CREAM, Fermi-LAT diffuse and IGRB
    gamma rays) have no such header and give the total uncertainty only;
    for them experiment and quantity come from the file name.

    Data centre additions: ``spectrum_id`` (the file name),
    ``quantity`` (a code: all-particle, proton, antiproton, lepton for
    electrons plus positrons, positron, gamma), ``hadronic_model`` (from
    the file name, else from the comments), ``ref_doi`` and
    ``ref_bibcode`` (parsed from #Ref), the energy range and number of
    points, a title, and the SSA metadata: the spectral coverage as
    wavelengths lambda = h c / E in metres (SSA's spectral unit), so the
    highest energy gives ``ssa_specstart``.  The spectra themselves stay
    in GeV.

    Errors: ``stat_err_lo``/``stat_err_hi`` and ``sys_err_lo``/
    ``sys_err_hi`` are positive deviations from the flux, as in the
    files.  For the four local-database files (``error_kind`` = total)
    the stat_err columns hold the total uncertainty and the sys_err
    columns are NULL.  Zero uncertainties in the files (often: not given)
    are kept as zeros.

    Position: the spectra are sky-averaged (all-sky) measurements and
    have no position: ``ssa_location`` is NULL and ``ssa_aperture`` is
    360 degrees.  The SSA service treats such all-sky spectra as
    covering every position, so a POS (and SIZE) constrained query
    returns them (rather than silently dropping them, which DaCHS's
    standard cone condition on a NULL location would do).

    Bad input: a malformed spectrum file is skipped with a warning
    naming the file and line, and the other spectra are imported (each
    file is an independent data set; docs/crspectra.md).
  </meta>

  <!-- The metadata of the spectra (DaCHS grammar, data "import"); the
    SSA view "spectra" below is what services and TAP users see. -->
  <table id="raw_spectra" onDisk="True" adql="hidden" primary="spectrum_id">
    <FEED source="releases#current" name="CAPELLA"/>
    <property name="filledBy">dachs imp crspectra import</property>
    <meta name="description">
      One row per cosmic-ray or gamma-ray spectrum: the SSA metadata that
      varies between spectra and the data centre's columns; the source of
      the SSA view crspectra.spectra.
    </meta>
    <mixin>//products#table</mixin>
    <index columns="experiment"/>
    <index columns="quantity"/>
    <index columns="e_min"/>
    <index columns="e_max"/>

    <column name="ssa_pubDID" type="text" ucd="meta.ref.ivoid"
      utype="ssa:Curation.PublisherDID" tablehead="P. DID" verbLevel="15"
      required="True"
      description="Dataset identifier assigned by the publisher"/>
    <column name="ssa_dstitle" type="text" ucd="meta.title;meta.dataset"
      utype="ssa:DataID.Title" tablehead="Title" verbLevel="15"
      required="True"
      description="A compact and descriptive designation of the
        dataset."/>
    <column name="ssa_targname" type="text" ucd="meta.id;src"
      utype="ssa:Target.Name" tablehead="Object" verbLevel="15"
      required="True"
      description="Common name of object observed (here: the particles
        or photons the flux counts)."/>
    <column name="ssa_bandpass" type="text" ucd="instr.bandpass"
      utype="ssa:DataID.Bandpass" tablehead="Bandpass" verbLevel="15"
      required="True"
      description="Messenger of the spectrum: Particle, or Gamma-ray for
        photons."/>
    <column name="ssa_specstart" type="real" unit="m"
      ucd="em.wl;stat.min" utype="ssa:Char.SpectralAxis.Coverage.Bounds.Start"
      tablehead="Band start" verbLevel="15" required="True"
      description="Lower value of spectral coordinate: the wavelength
        h c / E of the highest energy."/>
    <column name="ssa_specend" type="real" unit="m"
      ucd="em.wl;stat.max" utype="ssa:Char.SpectralAxis.Coverage.Bounds.Stop"
      tablehead="Band end" verbLevel="15" required="True"
      description="Upper value of spectral coordinate: the wavelength
        h c / E of the lowest energy."/>
    <column name="ssa_length" type="integer" ucd="meta.number"
      utype="ssa:Dataset.Length" tablehead="Length" verbLevel="5"
      required="True"
      description="Number of points in the spectrum">
      <values nullLiteral="-1"/>
    </column>
    <column name="ssa_creator" type="unicode" ucd="meta.id;meta.curation"
      utype="ssa:DataID.Creator" tablehead="Creator" verbLevel="15"
      required="True"
      description="Creator of the datasets included here."/>
    <column name="ssa_instrument" type="text" ucd="meta.id;instr"
      utype="ssa:DataID.Instrument" tablehead="Instrument" verbLevel="15"
      required="True"
      description="Instrument or code used to produce these datasets
        (the experiment)."/>
    <column name="ssa_reference" type="text" ucd="meta.bib.bibcode"
      utype="ssa:Curation.Reference" tablehead="Ref." verbLevel="15"
      description="URL or bibcode of a publication describing this
        data."/>

    <column name="spectrum_id" type="text" ucd="meta.id;meta.main"
      tablehead="Spectrum" verbLevel="1" required="True"
      description="Identifier of the spectrum: the source file's name
        without .txt, with + written as plus."/>
    <column name="experiment" type="text" ucd="meta.id;instr.obsty"
      tablehead="Experiment" verbLevel="1" required="True"
      description="Experiment that measured the spectrum, as the source
        file names it (#Experiment; from the file name for the compiler's
        local files, AMS02 written AMS-02).  SSA parameter EXPERIMENT."/>
    <column name="quantity" type="text" ucd="meta.code.class;phys.particle"
      tablehead="Quantity" verbLevel="1" required="True"
      description="What the flux counts: all-particle (all cosmic-ray
        nuclei), proton (H), antiproton (H-bar), lepton (electrons plus
        positrons, e-+e+), positron (e+), gamma (diffuse gamma rays); other
        #Quantity values as given.  SSA parameter QUANTITY."/>
    <column name="energy_type" type="text" ucd="meta.code;phys.energy"
      tablehead="Energy type" verbLevel="1" required="True"
      description="Whether the energy axis is the total energy (total) or
        the kinetic energy (kinetic) per particle (#Units; for photons the
        two are the same)."/>
    <column name="hadronic_model" type="text" ucd="meta.code;meta.modelled"
      tablehead="Hadronic model" verbLevel="5"
      description="Hadronic interaction model of the air-shower
        simulations the energy reconstruction relies on (e.g. SIBYLL-2.1,
        QGSJET+HD), from the file name or the comments; NULL if none is
        stated."/>
    <column name="variant" type="text" ucd="meta.note"
      tablehead="Variant" verbLevel="10"
      description="Further words of the file name that distinguish the
        spectrum (a year, igrb for the isotropic gamma-ray background,
        diffuse); NULL if none."/>
    <column name="e_min" type="double precision"
      ucd="em.energy;stat.min" unit="GeV" tablehead="E min" verbLevel="1"
      required="True"
      description="Lowest energy of the spectrum's points."/>
    <column name="e_max" type="double precision"
      ucd="em.energy;stat.max" unit="GeV" tablehead="E max" verbLevel="1"
      required="True"
      description="Highest energy of the spectrum's points."/>
    <column name="n_points" type="integer" ucd="meta.number"
      tablehead="Points" verbLevel="5" required="True"
      description="Number of points (energy bins) of the spectrum."/>
    <column name="error_kind" type="text" ucd="meta.code.qual"
      tablehead="Errors" verbLevel="10" required="True"
      description="stat+sys: separate statistical and systematic
        uncertainties; total: the file gives the total uncertainty only,
        which the stat_err columns then hold (sys_err NULL)."/>
    <column name="reference" type="text" ucd="meta.bib"
      tablehead="Reference" verbLevel="5"
      description="The publication of the spectrum as the source file
        cites it (#Ref); cite it when using the spectrum.  NULL for the
        compiler's local files."/>
    <column name="ref_doi" type="text" ucd="meta.ref.doi"
      tablehead="DOI" verbLevel="5"
      description="DOI of the publication, where #Ref gives one."/>
    <column name="ref_bibcode" type="text" ucd="meta.bib.bibcode"
      tablehead="Bibcode" verbLevel="5"
      description="ADS bibcode of the publication, where #Ref gives one."/>
    <column name="compilation" type="text" ucd="meta.ref"
      tablehead="Database" verbLevel="5"
      description="Database the compiler took the spectrum from
        (#Source: KCDC, CRDB, SSDC); NULL where the file names none."/>
    <column name="origin_url" type="text" ucd="meta.ref.url"
      tablehead="Origin" verbLevel="10"
      description="Web address of the data's origin (#Url); NULL if not
        given."/>
    <column name="note" type="text" ucd="meta.note"
      tablehead="Comments" verbLevel="10"
      description="The source file's comments (#Comments)."/>
    <column name="source_file" type="text" ucd="meta.ref;meta.file"
      tablehead="Source file" verbLevel="10" required="True"
      description="The input file, relative to the resource's data
        folder."/>
    <column name="preview" type="text" ucd="meta.ref.url;meta.preview"
      tablehead="Preview" verbLevel="10" required="True"
      description="URL of a PNG preview: flux times E**2.6 against E,
        log-log, with statistical error bars."
      displayHint="type=url"/>
  </table>

  <table id="spectra" onDisk="True" adql="True">
    <FEED source="releases#current" name="CAPELLA"/>
    <property name="filledBy">view over raw_spectra (data make_view)</property>
    <meta name="description">
      One row per cosmic-ray or gamma-ray spectrum: the SSA metadata
      (spectral coverage in metres of wavelength, lambda = h c / E) and
      the data centre's columns (experiment, quantity, energy type and
      range in GeV, hadronic model, reference).
    </meta>
    <!-- the accref is the datalink dlget URL of the SDM VOTable (a full
      URL, which DaCHS serves unchanged), so the SSA response links the
      SDM VOTable directly -->
    <mixin
      sourcetable="raw_spectra"
      copiedcolumns="*"
      ssa_pubDID="ssa_pubDID"
      ssa_aperture="360"
      ssa_fluxunit="'m**-2.s**-1.sr**-1.GeV**-1'"
      ssa_spectralunit="'GeV'"
      ssa_fluxucd="'phys.flux;phys.particle'"
      ssa_spectralucd="'em.energy'"
      ssa_collection="'The_CR_Spectrum'"
      ssa_fluxcalib="'ABSOLUTE'"
      ssa_speccalib="'ABSOLUTE'"
      ssa_publisher="'ivo://\getConfig{ivoa}{authority}'"
      >//ssap#view</mixin>

    <meta name="_associatedDatalinkService">
      <meta name="serviceId">sdl</meta>
      <meta name="idColumn">ssa_pubDID</meta>
    </meta>

    <!-- The SSA view's columns below carry their SSA utypes but no UCD
      (accsize: the view mixin removes it); they are re-declared unchanged
      except for a UCD, so that every column says what it holds to
      UCD-aware clients. -->
    <column name="owner" type="text" ucd="meta.id;meta.curation"
      tablehead="Owner" verbLevel="25"
      description="Owner of the data (NULL: public)"/>
    <column name="accsize" type="bigint" ucd="phys.size;meta.file"
      unit="byte" utype="Access.Size" tablehead="File size" verbLevel="11"
      description="Size of the data in bytes">
      <values nullLiteral="-1"/>
    </column>
    <column name="embargo" type="date" unit="a" ucd="time.release"
      tablehead="Embargo ends" verbLevel="25"
      description="Date the data will become/became public (always NULL:
        nothing is embargoed)." displayHint="type=humanDate"/>
    <column name="ssa_model" type="text" ucd="meta.id"
      utype="ssa:Dataset.DataModel" tablehead="Model"
      description="Data model name and version"/>
    <column name="ssa_csysName" type="text" ucd="pos.frame"
      utype="ssa:CoordSys.SpaceFrame.Name" tablehead="Sys" verbLevel="15"
      description="System RA and Dec are given in"/>
    <column name="ssa_timeSI" type="text" ucd="meta.unit"
      utype="ssa:Dataset.TimeSI" tablehead="[Time]"
      description="Time conversion factor in Osuna-Salgado convention."/>
    <column name="ssa_spectralSI" type="text" ucd="meta.unit"
      utype="ssa:Dataset.SpectralSI" tablehead="[Spectral]"
      description="Spectral conversion factor in Osuna-Salgado
        convention"/>
    <column name="ssa_fluxSI" type="text" ucd="meta.unit"
      utype="ssa:Dataset.FluxSI" tablehead="[Flux]"
      description="Flux/magnitude conversion factor in Osuna-Salgado
        convention"/>
    <column name="ssa_pdate" type="timestamp" ucd="time.release"
      utype="ssa:Curation.Date" tablehead="Pub. Date" verbLevel="15"
      xtype="timestamp" description="Date last published."/>
    <column name="ssa_dstype" type="text" ucd="meta.code.class"
      utype="ssa:Dataset.Type" tablehead="Data type"
      description="Type of data (spectrum, time series, etc)"/>
    <column name="ssa_collection" type="text" ucd="meta.id;meta.dataset"
      utype="ssa:DataID.Collection" tablehead="Collection" verbLevel="15"
      description="A short handle naming the collection this spectrum
        belongs to."/>
    <column name="ssa_datasource" type="text" ucd="meta.code.class"
      utype="ssa:DataID.DataSource" tablehead="Src" verbLevel="15"
      description="Method of generation for the data (one of survey,
        pointed, theory, custom, artificial)."/>
    <column name="ssa_creationtype" type="text" ucd="meta.code.class"
      utype="ssa:DataID.CreationType" tablehead="Using" verbLevel="15"
      description="Process used to produce the data (archival, cutout,
        filtered, mosaic, projection, spectralExtraction, or
        catalogExtraction)"/>
    <column name="ssa_fluxcalib" type="text" ucd="meta.code.qual"
      utype="ssa:Char.FluxAxis.Calibration" tablehead="Calib Flux"
      verbLevel="15" description="Type of flux calibration (ABSOLUTE,
        CALIBRATED, RELATIVE, NORMALIZED, or UNCALIBRATED)."/>

  </table>

  <table id="points" onDisk="True" adql="True">
    <FEED source="releases#current" name="CAPELLA"/>
    <property name="filledBy">apdc import (binary COPY, data create)</property>
    <meta name="description">
      One row per point of every spectrum (energy in GeV, differential
      flux in m**-2 s**-1 sr**-1 GeV**-1, uncertainties), with the
      spectrum's experiment, quantity and energy type, so that one ADQL
      query can compare experiments.
    </meta>
    <index columns="spectrum_id"/>
    <index columns="energy"/>
    <index columns="quantity, energy"/>
    <index columns="experiment"/>
    <!-- for TAP_SCHEMA.keys (joins in TOPCAT); not a database constraint -->
    <foreignKey inTable="spectra" source="spectrum_id" metaOnly="True"/>

    <column name="spectrum_id" type="text" ucd="meta.id;meta.main"
      tablehead="Spectrum" verbLevel="1" required="True"
      description="Spectrum the point belongs to (crspectra.spectra)."/>
    <column name="experiment" type="text" ucd="meta.id;instr.obsty"
      tablehead="Experiment" verbLevel="1" required="True"
      description="Experiment that measured the spectrum."/>
    <column name="quantity" type="text" ucd="meta.code.class;phys.particle"
      tablehead="Quantity" verbLevel="1" required="True"
      description="What the flux counts: all-particle, proton, antiproton,
        lepton (electrons plus positrons), positron, gamma."/>
    <column name="energy_type" type="text" ucd="meta.code;phys.energy"
      tablehead="Energy type" verbLevel="5" required="True"
      description="total or kinetic energy per particle."/>
    <column name="hadronic_model" type="text" ucd="meta.code;meta.modelled"
      tablehead="Hadronic model" verbLevel="10"
      description="Hadronic interaction model of the energy
        reconstruction, where stated."/>
    <column name="line" type="integer" ucd="meta.record"
      tablehead="Line" verbLevel="10" required="True"
      description="Line number of the point in the source file (orders the
        points as published)."/>
    <column name="energy" type="double precision" ucd="em.energy"
      unit="GeV" tablehead="E" verbLevel="1" required="True"
      description="Energy of the bin (total or kinetic, see
        energy_type)."/>
    <column name="flux" type="double precision" ucd="phys.flux;phys.particle"
      unit="m**-2.s**-1.sr**-1.GeV**-1" tablehead="Flux" verbLevel="1"
      required="True"
      description="Differential flux (intensity) at the energy."/>
    <column name="stat_err_lo" type="double precision"
      ucd="stat.error;phys.flux;stat.min"
      unit="m**-2.s**-1.sr**-1.GeV**-1" tablehead="Stat. err. low"
      verbLevel="1"
      description="Statistical uncertainty of the flux, downwards
        (positive); the total uncertainty for spectra with
        error_kind=total."/>
    <column name="stat_err_hi" type="double precision"
      ucd="stat.error;phys.flux;stat.max"
      unit="m**-2.s**-1.sr**-1.GeV**-1" tablehead="Stat. err. high"
      verbLevel="1"
      description="Statistical uncertainty of the flux, upwards; the total
        uncertainty for spectra with error_kind=total."/>
    <column name="sys_err_lo" type="double precision"
      ucd="stat.error.sys;phys.flux;stat.min"
      unit="m**-2.s**-1.sr**-1.GeV**-1" tablehead="Sys. err. low"
      verbLevel="1"
      description="Systematic uncertainty of the flux, downwards; NULL
        where the file gives only a total uncertainty."/>
    <column name="sys_err_hi" type="double precision"
      ucd="stat.error.sys;phys.flux;stat.max"
      unit="m**-2.s**-1.sr**-1.GeV**-1" tablehead="Sys. err. high"
      verbLevel="1"
      description="Systematic uncertainty of the flux, upwards; NULL where
        the file gives only a total uncertainty."/>
  </table>

  <coverage>
    <updater sourceTable="spectra"/>
  </coverage>

  <!-- COPY path: only creates points and its metadata; apdc import
    fills it (converters/crspectra.py:points_table).  auto="False" keeps
    a plain "dachs imp crspectra" from emptying it. -->
  <data id="create" auto="False">
    <make table="points"/>
  </data>

  <!-- DaCHS path: "dachs imp crspectra import" (run by apdc import after
    the COPY tables, manifest key dachs_data) fills raw_spectra and
    dc.products from the spectrum files, then re-makes the SSA view. -->
  <data id="import" auto="False">
    <recreateAfter>make_view</recreateAfter>
    <sources item="data"/>
    <embeddedGrammar>
      <iterator>
        <code>
          import os
          from services import crspectra
          yield from crspectra.iter_spectrum_rows(
            os.path.join(self.grammar.rd.resdir, self.sourceToken))
        </code>
      </iterator>
      <rowfilter procDef="//products#define">
        <bind key="table">"\schema.raw_spectra"</bind>
        <bind key="accref">@access_url</bind>
        <bind key="path">@access_url</bind>
        <bind key="fsize">@size</bind>
        <bind key="mime">"application/x-votable+xml"</bind>
        <bind key="preview">@preview</bind>
        <bind key="preview_mime">"image/png"</bind>
      </rowfilter>
    </embeddedGrammar>
    <make table="raw_spectra">
      <rowmaker idmaps="*"/>
    </make>
  </data>

  <data id="make_view" auto="False">
    <make table="spectra"/>
  </data>

  <!-- One spectrum as an SDM instance, for the datalink service. -->
  <table id="instance" onDisk="False">
    <mixin ssaTable="spectra"
      spectralDescription="Energy per particle (total or kinetic, see the
        spectrum's energy_type)"
      fluxDescription="Differential flux (intensity)"
      >//ssap#sdm-instance</mixin>
    <meta name="description">One cosmic-ray or gamma-ray energy spectrum:
      differential flux against energy with statistical and systematic
      uncertainties.</meta>
    <column name="stat_err_lo" type="double precision"
      ucd="stat.error;phys.flux;stat.min"
      unit="m**-2.s**-1.sr**-1.GeV**-1"
      utype="spec:Spectrum.Data.FluxAxis.Accuracy.StatErrLow"
      tablehead="Stat. err. low"
      description="Statistical uncertainty of the flux, downwards (the
        total uncertainty if the spectrum's error_kind is total)."/>
    <column name="stat_err_hi" type="double precision"
      ucd="stat.error;phys.flux;stat.max"
      unit="m**-2.s**-1.sr**-1.GeV**-1"
      utype="spec:Spectrum.Data.FluxAxis.Accuracy.StatErrHigh"
      tablehead="Stat. err. high"
      description="Statistical uncertainty of the flux, upwards (the total
        uncertainty if the spectrum's error_kind is total)."/>
    <column name="sys_err_lo" type="double precision"
      ucd="stat.error.sys;phys.flux;stat.min"
      unit="m**-2.s**-1.sr**-1.GeV**-1"
      tablehead="Sys. err. low"
      description="Systematic uncertainty of the flux, downwards; NULL if
        not given separately."/>
    <column name="sys_err_hi" type="double precision"
      ucd="stat.error.sys;phys.flux;stat.max"
      unit="m**-2.s**-1.sr**-1.GeV**-1"
      tablehead="Sys. err. high"
      description="Systematic uncertainty of the flux, upwards; NULL if
        not given separately."/>
  </table>

  <data id="build_spectrum" auto="False">
    <embeddedGrammar>
      <iterator>
        <code>
          from services import crspectra
          for row in crspectra.iter_points(
              self.sourceToken["spectrum_id"]):
            yield row
        </code>
      </iterator>
    </embeddedGrammar>
    <make table="instance">
      <parmaker>
        <apply procDef="//ssap#feedSSAToSDM"/>
      </parmaker>
    </make>
  </data>

  <service id="sdl" allowed="dlget,dlmeta">
    <meta name="title">Cosmic-Ray Spectra DataLink</meta>
    <meta name="description">
      DataLink and data access for the cosmic-ray spectra: each spectrum
      as a Spectral Data Model VOTable (default), FITS binary table
      (FORMAT=application/fits) or CSV (FORMAT=text/csv), with energy in
      GeV, flux in m**-2 s**-1 sr**-1 GeV**-1 and its uncertainties, and
      a PNG preview (#preview).
    </meta>
    <datalinkCore>
      <descriptorGenerator procDef="//soda#sdm_genDesc">
        <bind key="ssaTD">"crspectra#spectra"</bind>
        <!-- the accref is the dlget URL, not derived from the pubDID -->
        <bind key="useAccref">False</bind>
      </descriptorGenerator>
      <dataFunction procDef="//soda#sdm_genData">
        <bind key="builder">"crspectra#build_spectrum"</bind>
      </dataFunction>
      <FEED source="//soda#sdm_format"/>
      <FEED source="releases#datalink"/>
    </datalinkCore>
  </service>

  <service id="preview" allowed="static">
    <meta name="title">Cosmic-Ray Spectra Previews</meta>
    <meta name="description">The PNG preview plots of the cosmic-ray
      spectra (flux times E**2.6 against E), written at import time.</meta>
    <property name="staticData">data/previews</property>
    <property name="staticFiles">*.png</property>
    <nullCore/>
  </service>

  <service id="ssa" allowed="ssap.xml">
    <meta name="title">Cosmic-Ray Energy Spectra SSA</meta>
    <meta name="shortName">CR spectra SSA</meta>
    <meta name="description">
      Simple Spectral Access to published cosmic-ray energy spectra
      (all-particle, protons, electrons plus positrons, positrons,
      antiprotons) and diffuse gamma-ray spectra.  The spectra are
      delivered as Spectral Data Model VOTables through DataLink, with
      energy (GeV) as the spectral axis.  BAND is in metres of wavelength
      as SSA requires: lambda = h c / E, i.e. 1.24e-15 m / (E/GeV).  The
      spectra are all-sky (sky-averaged): they have no position and match
      any POS/SIZE constraint.  Besides the standard parameters, the
      service understands EXPERIMENT (the experiment, e.g. KASCADE,
      AMS-02, AUGER; column experiment) and QUANTITY (one of all-particle,
      proton, antiproton, lepton = electrons plus positrons, positron,
      gamma; column quantity), both case-insensitive and accepting
      comma-separated lists (PQL), and ENERGY_TYPE (total or kinetic).
    </meta>
    <meta name="ssap.complianceLevel">full</meta>
    <publish render="ssap.xml" sets="ivo_managed,local"/>

    <ssapCore queriedTable="spectra">
      <FEED source="//ssap#hcd_condDescs">
        <EDIT ref="condDesc[coneCond]">
          <!-- all-sky spectra (aperture 360 deg, no location) cover every
            position: they match any cone -->
          <phraseMaker>
            <code>
              parsedPos = pql.PQLPositionPar.fromLiteral(
                inPars.get("POS", None), "POS")
              size = inputKeys[1]._parse(inPars.get("SIZE", None))
              # matching every cone must not hide a cone that is no cone
              # (ra,dec with -90 &lt;= dec &lt;= 90; 0 &lt; SIZE &lt;= 180)
              if parsedPos is not None:
                coords = inPars["POS"].split(";")[0].split(",")
                try:
                  ra, dec = [float(c) for c in coords]
                except ValueError:
                  raise base.ValidationError("POS must be 'ra,dec' in"
                    " degrees (ICRS), e.g. POS=83.6,22.0", "POS")
                if not (-1e300 &lt; ra &lt; 1e300 and -90 &lt;= dec &lt;= 90):
                  raise base.ValidationError("POS must be a finite RA and a"
                    " declination within [-90, 90] degrees", "POS")
              sizeValue = inPars.get("SIZE", None)
              if sizeValue is not None and not 0 &lt; sizeValue &lt;= 180:
                raise base.ValidationError("SIZE must be a diameter greater"
                  " than 0 and at most 180 degrees", "SIZE")
              if parsedPos is not None and size is not None:
                yield "(ssa_aperture >= 360 OR %s)"%(
                  parsedPos.getConeSQL("ssa_location", outPars, size))
            </code>
          </phraseMaker>
        </EDIT>
      </FEED>
      <LOOP>
        <csvItems>
          keyName,     column,      desc
          EXPERIMENT,  experiment,  "Experiment that measured the spectrum (e.g. KASCADE, AMS-02, AUGER); case-insensitive, comma-separated list allowed."
          QUANTITY,    quantity,    "What the flux counts: all-particle, proton, antiproton, lepton (electrons plus positrons), positron or gamma; case-insensitive, comma-separated list allowed."
          ENERGY_TYPE, energy_type, "Energy axis of the spectrum: total or kinetic energy per particle."
        </csvItems>
        <events>
          <condDesc>
            <inputKey name="\keyName" type="text" multiplicity="single"
              tablehead="\column" description="\desc"/>
            <phraseMaker>
              <code>
                val = inPars.get("\keyName", None)
                if val is not None and val.strip():
                  yield pql.PQLCaselessPar.fromLiteral(val.strip(),
                    "\keyName").getSQL("\column", outPars)
              </code>
            </phraseMaker>
          </condDesc>
        </events>
      </LOOP>
    </ssapCore>
  </service>

  <regSuite title="crspectra regression">
    <regTest title="crspectra SSA serves all spectra">
      <url REQUEST="queryData" MAXREC="1000">ssa/ssap.xml</url>
      <code>
        rows = self.getVOTableRows()
        self.assertEqual(len(rows), 34)
      </code>
    </regTest>
    <regTest title="crspectra SSA selects by experiment and quantity">
      <url REQUEST="queryData" EXPERIMENT="kascade" QUANTITY="proton"
        >ssa/ssap.xml</url>
      <code>
        rows = self.getVOTableRows()
        self.assertEqual([r["spectrum_id"] for r in rows],
          ["H_KASCADE_2005_SIBYLL-2.1_Etot"])
      </code>
    </regTest>
    <regTest title="crspectra SSA: all-sky spectra match a POS query">
      <url REQUEST="queryData" POS="83.6,22.0" SIZE="0.1"
        QUANTITY="all-particle">ssa/ssap.xml</url>
      <code>
        self.assertEqual(len(self.getVOTableRows()), 11)
      </code>
    </regTest>
    <regTest title="crspectra datalink delivers an SDM VOTable">
      <url ID="ivo://astroparticle.vo/~?crspectra/H_KASCADE_2005_SIBYLL-2.1_Etot"
        >sdl/dlget</url>
      <code>
        self.assertHasStrings("spec:Spectrum", "em.energy", "GeV")
        rows = self.getVOTableRows()
        self.assertEqual(len(rows), 20)
        self.assertAlmostEqual(rows[0]["spectral"], 1.12202e+06)
        self.assertAlmostEqual(rows[0]["flux"] / 2.51529e-13, 1.0)
      </code>
    </regTest>
    <regTest title="crspectra TAP has all points">
      <url LANG="ADQL" REQUEST="doQuery" QUERY="SELECT COUNT(*) AS n FROM
        crspectra.points">/tap/sync</url>
      <code>
        self.assertEqual(self.getFirstVOTableRow()["n"], 1157)
      </code>
    </regTest>
  </regSuite>
</resource>
