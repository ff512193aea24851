"""The sky plot of an analysed alert (PNG, matplotlib).

The plane is tangent at the alert's best fit (gnomonic projection,
east to the left as on the sky): the 90% error region, the circles of
the UHECR and event searches, and every counterpart, by kind.
"""

import io

import numpy as np

from converters.error_regions import polygon_vertices

__all__ = ["KIND_STYLE", "LABELS", "tangent_plane", "sky_png"]

#: how many catalogue sources get their name written beside them
LABELS = 8

#: marker, colour and legend text of each kind of counterpart
KIND_STYLE = {"sources": ("*", "tab:purple", "catalogue source"),
              "uhecr": ("o", "tab:red", "UHECR"),
              "air_showers": ("s", "tab:green", "air shower"),
              "neutrinos": ("^", "tab:blue", "IceCube event")}


def tangent_plane(ra, dec, ra0, dec0):
    """Gnomonic (x east, y north) offsets in degrees from (ra0, dec0)."""
    ra, dec = np.radians(np.asarray(ra, float)), np.radians(
        np.asarray(dec, float))
    ra0, dec0 = np.radians(ra0), np.radians(dec0)
    cos_c = (np.sin(dec0) * np.sin(dec)
             + np.cos(dec0) * np.cos(dec) * np.cos(ra - ra0))
    x = np.cos(dec) * np.sin(ra - ra0) / cos_c
    y = (np.cos(dec0) * np.sin(dec)
         - np.sin(dec0) * np.cos(dec) * np.cos(ra - ra0)) / cos_c
    return np.degrees(x), np.degrees(y)


def _circle(radius, n=181):
    """A circle of angular radius ``radius`` (deg) in the tangent plane."""
    t = np.linspace(0, 2 * np.pi, n)
    r = np.degrees(np.tan(np.radians(radius)))
    return r * np.sin(t), r * np.cos(t)


def sky_png(analysis, counterparts):
    """The plot of one analysis as PNG bytes.

    Parameters
    ----------
    analysis : dict
        A row of icecube_alerts.analyses (error_region in degrees).
    counterparts : list of dict
        Its rows of icecube_alerts.counterparts.
    """
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    ra0, dec0 = analysis["ra"], analysis["dec"]
    fig = Figure(figsize=(6.4, 6.0), dpi=100)
    ax = fig.add_subplot()
    vertices = polygon_vertices(analysis["error_region"])
    x, y = tangent_plane(vertices[:, 0], vertices[:, 1], ra0, dec0)
    ax.fill(x, y, color="gold", alpha=0.4, label="90% error region")
    for radius, style, text in (
            (analysis["uhecr_radius"], "--", "UHECR search"),
            (analysis["event_radius"], ":", "event search")):
        ax.plot(*_circle(radius), style, color="grey",
                label=f"{text} ({radius:g} deg)")
    ax.plot(0, 0, "+", color="black", markersize=14, label="best fit")
    for kind, (marker, colour, text) in KIND_STYLE.items():
        rows = [c for c in counterparts if c["kind"] == kind]
        if not rows:
            continue
        cx, cy = tangent_plane([c["ra"] for c in rows],
                               [c["dec"] for c in rows], ra0, dec0)
        ax.scatter(cx, cy, marker=marker, color=colour, s=60, zorder=3,
                   label=f"{text} ({len(rows)})")
        if kind == "sources":
            # the nearest few only (the rows come nearest first), stacked
            # so that sources at one place stay readable
            for i, (row, px, py) in enumerate(zip(rows[:LABELS], cx, cy)):
                ax.annotate(row["object_name"] or row["object_id"], (px, py),
                            fontsize=7, xytext=(6, 4 + 9 * (i % 8)),
                            textcoords="offset points")
    # the search circles and the whole error region (a cascade's can be
    # tens of degrees wide)
    limit = 1.1 * max(np.degrees(np.tan(np.radians(max(
        analysis["uhecr_radius"], analysis["event_radius"])))),
        np.abs(x).max(), np.abs(y).max())
    ax.set_xlim(limit, -limit)          # east to the left
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.set_xlabel(f"offset east of RA {ra0:.2f} deg (deg, tangent plane)")
    ax.set_ylabel(f"offset north of Dec {dec0:+.2f} deg (deg)")
    ax.set_title(f"{analysis['alert_name'] or analysis['alert_id']}: "
                 f"{analysis['n_counterparts']} counterparts")
    ax.legend(loc="upper left", fontsize=7)
    ax.grid(alpha=0.3)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
