"""The education records of the tutorials in ``tutorials/<slug>/``.

Each tutorial folder holds its notebooks (one per language) and
``education.json``, the record a teacher reads before using it, in the
spirit of KCDC's education metadata: target group, level, learning
objectives, required knowledge, time needed (ISO 8601 duration), licence,
and the pre-selected classroom data file (an ADQL query the data
centre answers; ``apdc tutorials`` writes its result).

The portal, the registry records (``rd/tutorials.rd``) and the notebook
runner (``apdc.tutorials``) all read the records through this module,
so a record is checked the same way wherever it is used.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TUTORIALS_DIR", "LEVELS", "Tutorial", "load", "catalogue"]

TUTORIALS_DIR = Path(__file__).resolve().parents[1] / "tutorials"

#: Difficulty -> (colour name, CSS colour), as KCDC's teachers' pages
#: colour their exercises.
LEVELS = {"easy": ("green", "#2e8b3a"), "medium": ("yellow", "#e0b000"),
          "hard": ("red", "#c0392b")}

#: VOResource 1.1 contentLevel terms that a record may use.
CONTENT_LEVELS = {"General", "Elementary Education", "Middle School Education",
                  "Secondary Education", "Community College", "University",
                  "Research", "Amateur", "Informal Education"}

_REQUIRED = ("slug", "order", "title", "summary", "notebooks", "level",
             "content_level", "target_group", "learning_objectives",
             "required_knowledge", "time_required", "licence", "classroom",
             "services", "subjects", "created")
_DURATION = re.compile(r"^PT(?:\d+H)?(?:\d+M)?$")


@dataclass(frozen=True)
class Tutorial:
    """One tutorial: its folder and its checked education record."""

    folder: Path
    record: dict

    @property
    def slug(self):
        """The tutorial's short name (its folder's name and URL part)."""
        return self.record["slug"]

    @property
    def languages(self):
        """Language codes with a notebook, English first."""
        return sorted(self.record["notebooks"], key=lambda c: c != "en")

    def notebook(self, language="en"):
        """The path of the notebook in that language."""
        return self.folder / self.record["notebooks"][language]

    def record_id(self, language="en"):
        """The id of the notebook's registry record (``rd/tutorials.rd``):
        the IVOID is ``ivo://<authority>/tutorials/<record_id>``."""
        suffix = "" if language == "en" else f"_{language}"
        return self.slug.replace("-", "_") + suffix

    def text(self, key, language="en"):
        """A per-language text of the record (English if not translated)."""
        value = self.record[key]
        return value.get(language, value["en"])

    @property
    def colour(self):
        """(colour name, CSS colour) of the tutorial's level."""
        return LEVELS[self.record["level"]]

    @property
    def classroom_file(self):
        """The file name of the pre-selected classroom data."""
        return self.record["classroom"]["file"]

    @property
    def minutes(self):
        """The time needed, in minutes (from the ISO 8601 duration)."""
        hours = re.search(r"(\d+)H", self.record["time_required"])
        minutes = re.search(r"(\d+)M", self.record["time_required"])
        return (int(hours.group(1)) * 60 if hours else 0) + (
            int(minutes.group(1)) if minutes else 0)


def _check(path, record):
    """Raise ValueError naming the file and field of a bad record."""
    def bad(field, why):
        return ValueError(f"{path}: field {field}: {why}")
    for key in _REQUIRED:
        if key not in record:
            raise bad(key, "missing")
    if record["slug"] != path.parent.name:
        raise bad("slug", f"{record['slug']!r} is not the folder's name")
    if record["level"] not in LEVELS:
        raise bad("level", f"{record['level']!r} is not one of "
                  f"{', '.join(LEVELS)}")
    unknown = set(record["content_level"]) - CONTENT_LEVELS
    if unknown or not record["content_level"]:
        raise bad("content_level", f"not VOResource terms: {sorted(unknown)}")
    if not _DURATION.match(record["time_required"]):
        raise bad("time_required", f"{record['time_required']!r} is not an "
                  "ISO 8601 duration like PT45M or PT1H30M")
    for key in ("title", "summary"):
        if "en" not in record[key]:
            raise bad(key, "no English text")
    if "en" not in record["notebooks"]:
        raise bad("notebooks", "no English notebook")
    for language, name in record["notebooks"].items():
        if not (path.parent / name).is_file():
            raise bad("notebooks", f"{language}: {name} does not exist")
    for key in ("file", "adql"):
        if not record["classroom"].get(key):
            raise bad(f"classroom.{key}", "missing")
    if not {"name", "url"} <= set(record["licence"]):
        raise bad("licence", "needs name and url")


def load(folder):
    """The tutorial in ``folder`` (its ``education.json``, checked).

    Raises
    ------
    ValueError
        Naming the file and the field when the record is incomplete.
    """
    path = Path(folder) / "education.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    _check(path, record)
    return Tutorial(Path(folder), record)


def catalogue(root=TUTORIALS_DIR):
    """Every tutorial under ``root``, in their teaching order."""
    tutorials = [load(p.parent) for p in sorted(root.glob("*/education.json"))]
    return sorted(tutorials, key=lambda t: t.record["order"])
