"""The example restricted resource and group tree ``portal_setup`` makes.

A new release of the simulated KASCADE showers, kept for the
KASCADE-Grande collaboration until the embargo date; members of
``kascade-grande`` and of its subgroup ``kascade-grande-analysis`` see
it, members of ``kascade`` alone do not.  Created once; what an
operator changes afterwards in the admin is left alone.
"""

from datetime import datetime, timezone

from django.db import transaction

from portal.access.models import Grant, ProtectedPath, RestrictedResource
from portal.groups.models import Group

__all__ = ["GROUPS", "RESOURCE", "create_example"]

#: (name, parent, description), parents first.
GROUPS = [
    ("kascade", None, "The KASCADE collaboration"),
    ("kascade-grande", "kascade", "KASCADE-Grande, the extension array"),
    ("kascade-grande-analysis", "kascade-grande",
     "The KASCADE-Grande analysis working group"),
]

RESOURCE = {
    "name": "kascade_embargo",
    "title": "KASCADE simulated showers, release 2 (embargoed)",
    "description": (
        "The second release of the simulated KASCADE-like showers, with "
        "the revised station model, reserved to the KASCADE-Grande "
        "collaboration until the embargo date; public afterwards."),
    "embargo_until": datetime(2028, 1, 1, tzinfo=timezone.utc),
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "licence_text": "CC BY 4.0 once public; until then for the "
                    "collaboration's internal use only.",
    "paths": ["/kascade_embargo/", "/getproduct/kascade_embargo/"],
    "granted_to": ["kascade-grande"],
}


@transaction.atomic
def create_example():
    """Create the groups, the resource, its paths and its grant if absent.

    Returns
    -------
    RestrictedResource
    """
    for name, parent, description in GROUPS:
        Group.objects.get_or_create(name=name, defaults={
            "parent": Group.objects.get(name=parent) if parent else None,
            "description": description})
    fields = {key: value for key, value in RESOURCE.items()
              if key not in ("name", "paths", "granted_to")}
    resource, created = RestrictedResource.objects.get_or_create(
        name=RESOURCE["name"], defaults=fields)
    if created:
        for prefix in RESOURCE["paths"]:
            ProtectedPath.objects.create(resource=resource, prefix=prefix)
        for group in RESOURCE["granted_to"]:
            Grant.objects.create(resource=resource,
                                 group=Group.objects.get(name=group))
    return resource
