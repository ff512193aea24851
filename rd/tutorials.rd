<?xml version="1.0" encoding="utf-8"?>
<!-- Registry records of the tutorials (tutorials/<slug>/, docs/tutorials.md).

One VOResource record per notebook (each language is an edition of its
own): a DocRegExt doc:Document (DaCHS 2.7's resType "document" with an
"edition" capability: its accessURL is the rendered notebook in the
portal's education section, its languageCode the notebook's language),
with content/type Education and contentLevel from the tutorial's
education record.  The records are made by a LOOP from the education
records (converters.tutorials), so that tutorials/*/education.json stays
the one truth about a tutorial.  "apdc tutorials" publishes this RD
(dachs pub tutorials); harvesters find the records through /oai.xml in
the set ivo_managed (the one the Registry of Registries harvests).
-->
<resource schema="tutorials" resdir=".">
  <meta name="creationDate">2026-12-01T00:00:00Z</meta>
  <meta name="title">Tutorials of the astroparticle data centre</meta>
  <meta name="description">Jupyter notebooks for pupils, teachers,
    students and scientists that analyse the data centre's cosmic-ray,
    neutrino and gamma-ray data through its own VO services.</meta>
  <meta name="subject">astronomy-education</meta>
  <meta name="creator">Astroparticle data centre</meta>
  <meta name="type">Education</meta>

  <LOOP>
    <codeItems>
      from converters import tutorials
      server = base.getConfig("web", "serverURL").rstrip("/")
      for tutorial in tutorials.catalogue():
        levels = tutorial.record["content_level"]
        subjects = tutorial.record["subjects"]
        for language in tutorial.languages:
          yield {
            "id": tutorial.record_id(language),
            "title": tutorial.text("title", language),
            "description": tutorial.text("summary", language)
              + " Level: " + tutorial.record["level"]
              + " (" + tutorial.colour[0] + "); time needed "
              + tutorial.record["time_required"] + "; target group: "
              + ", ".join(tutorial.record["target_group"]) + ".",
            "subject1": subjects[0], "subject2": subjects[-1],
            "level1": levels[0], "level2": levels[-1],
            "page": server + "/education/" + tutorial.slug + "/",
            "rendered": server + "/education/" + tutorial.slug + "/"
              + language + "/view/",
            "notebook": server + "/education/" + tutorial.slug + "/"
              + language + "/notebook/",
            "language": language,
            "created": tutorial.record["created"],
            "licence": tutorial.record["licence"]["name"],
            "licence_url": tutorial.record["licence"]["url"],
          }
    </codeItems>
    <events>
      <resRec id="\id">
        <meta name="resType">document</meta>
        <meta name="title">\title</meta>
        <meta name="description">\description</meta>
        <meta name="subject">astronomy-education</meta>
        <meta name="subject">\subject1</meta>
        <meta name="subject">\subject2</meta>
        <meta name="type">Education</meta>
        <meta name="contentLevel">\level1</meta>
        <meta name="contentLevel">\level2</meta>
        <meta name="referenceURL">\page</meta>
        <meta name="creationDate">\created</meta>
        <meta name="rights">\licence</meta>
        <meta name="rights.rightsURI">\licence_url</meta>
        <publish render="edition" sets="ivo_managed">
          <meta name="accessURL">\rendered</meta>
          <meta name="sourceURL">\notebook</meta>
          <meta name="languageCode">\language</meta>
          <meta name="locTitle">\title</meta>
        </publish>
      </resRec>
    </events>
  </LOOP>
</resource>
