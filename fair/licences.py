"""The licence of each resource, declared once, in its RD.

A resource's RD declares its terms in two meta items: ``rights`` (the
full statement: licence, conditions, how to cite) and, where the
publisher names a licence, ``rights.rightsURI``.  Every record that
states a licence (VOResource through DaCHS, DataCite, JSON-LD, the shop
packages' ``Info.txt`` and ``LICENCE.txt``) takes it from there; this
module adds only the licence's name and SPDX identifier, looked up by
its URI, so that the same URI never gets two names.
"""

from dataclasses import dataclass

from converters import rdschema

__all__ = ["Licence", "KNOWN_LICENCES", "licence_of", "LicenceError"]

#: Licence URI -> (name, SPDX identifier or None).
KNOWN_LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/":
        ("Creative Commons Attribution 4.0 International", "CC-BY-4.0"),
    "https://creativecommons.org/licenses/by-sa/4.0/":
        ("Creative Commons Attribution-ShareAlike 4.0 International",
         "CC-BY-SA-4.0"),
    "https://opensource.org/licenses/MIT": ("MIT License", "MIT"),
    "https://opensource.org/licenses/BSD-3-Clause":
        ('BSD 3-Clause "New" or "Revised" License', "BSD-3-Clause"),
    "https://fermi.gsfc.nasa.gov/ssc/data/policy/":
        ("Fermi data policy: public NASA data", None),
    "https://www.nasa.gov/nasa-brand-center/images-and-media/":
        ("NASA media usage guidelines: public NASA data", None),
}

#: The name of the terms of a resource whose publisher names no licence.
NO_LICENCE_NAME = "Terms of use in the rights statement (no licence named)"


class LicenceError(ValueError):
    """An RD declares no rights, or a licence URI this module cannot name."""


@dataclass(frozen=True)
class Licence:
    """The terms of one resource.

    Attributes
    ----------
    resource : str
        The RD's name.
    statement : str
        The RD's ``rights`` meta: licence, conditions and citation.
    uri : str or None
        The RD's ``rights.rightsURI``; None where no licence is named.
    name : str
        The licence's name (:data:`KNOWN_LICENCES`).
    spdx : str or None
        Its SPDX identifier, where SPDX has one.
    """

    resource: str
    statement: str
    uri: str = None
    name: str = NO_LICENCE_NAME
    spdx: str = None

    @property
    def is_open(self):
        """True where a licence with an SPDX identifier applies."""
        return self.spdx is not None


def licence_of(rd_name, rd_dir=rdschema.RD_DIR):
    """The :class:`Licence` the RD ``rd/<rd_name>.rd`` declares.

    Raises
    ------
    LicenceError
        If the RD has no ``rights`` meta, or a ``rights.rightsURI`` that
        is not in :data:`KNOWN_LICENCES`.
    """
    statement = " ".join(rdschema.resource_meta(rd_name, "rights", rd_dir))
    if not statement:
        raise LicenceError(f"rd/{rd_name}.rd declares no "
                           '<meta name="rights">')
    uris = rdschema.resource_meta(rd_name, "rights.rightsURI", rd_dir)
    if not uris:
        return Licence(rd_name, statement)
    if uris[0] not in KNOWN_LICENCES:
        raise LicenceError(f"rd/{rd_name}.rd: rights.rightsURI {uris[0]!r} "
                           "is not in fair.licences.KNOWN_LICENCES; add its "
                           "name and SPDX identifier there")
    name, spdx = KNOWN_LICENCES[uris[0]]
    return Licence(rd_name, statement, uris[0], name, spdx)
