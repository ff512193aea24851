"""``dachs`` with every DaCHS-side work-around installed.

``python -m workarounds.dachs_server ARGS`` is ``dachs ARGS``, but with
every DaCHS-side patch of :data:`PATCHES` (one module of workarounds/
each) applied in the process first,
so that the server (``serve start``) and every command that writes
table or registry metadata (``imp``, ``pub``, ``limits``) use them.
``apdc`` runs DaCHS only this way (``apdc/dachs.py``).
"""

import sys

from workarounds import (dachs_adql_limits, dachs_binary_query,
                         dachs_negative_maxrec, dachs_product_head,
                         dachs_product_keys, dachs_upload_fetch,
                         dachs_uws_controls, dachs_async_spare)
from workarounds import dachs_fits_comments, dachs_votable_null_arrays
from workarounds import dachs_inline_upload, dachs_request_text
from workarounds import dachs_datalink_ucd
from workarounds import dachs_join_infos
from workarounds import dachs_rd_not_found
from workarounds import dachs_uws_lock_timeout
from workarounds import (dachs_colstat, dachs_datalink_errors, dachs_jquery,
                         dachs_maxrec, dachs_oai_resumption, dachs_obscore_size,
                         dachs_scs_params,
                         dachs_security_method, dachs_static)

__all__ = ["PATCHES", "install_all", "main"]

#: The work-around modules applied, each with install() and bug_present().
PATCHES = (dachs_colstat, dachs_security_method, dachs_scs_params,
           dachs_maxrec, dachs_datalink_errors, dachs_jquery, dachs_static,
           dachs_oai_resumption, dachs_obscore_size)
# issue 17 (availability, clean errors, uploads)
PATCHES += (dachs_adql_limits, dachs_binary_query, dachs_negative_maxrec,
            dachs_product_head, dachs_product_keys, dachs_upload_fetch,
            dachs_uws_controls, dachs_async_spare)

# issue 17, items 9 and 10 (FITS descriptions, NULL points in TABLEDATA)
PATCHES += (dachs_fits_comments, dachs_votable_null_arrays)

# issue 17, found by the fuzz test (GET parameters that are not text,
# inline uploads without a body)
PATCHES += (dachs_request_text, dachs_inline_upload)

# DataLink's UCD of service_def in every links document (datalinklint)
PATCHES += (dachs_datalink_ucd,)

# issue 15: the release INFO of each table of a join (docs/releases.md)
PATCHES += (dachs_join_infos,)

# scratch RDs written while the server runs (an RD asked for before its
# file existed stayed 404 in that process)
PATCHES += (dachs_rd_not_found,)

# a loaded server's jobs-table statements (TAP sync and async) timed out
# after DaCHS's 0.1 s (issue 17, soak test)
PATCHES += (dachs_uws_lock_timeout,)


def install_all():
    """Apply every DaCHS-side work-around in this process."""
    for patch in PATCHES:
        patch.install()


def main(argv=None):
    """Run the dachs command line with the work-arounds installed.

    Parameters
    ----------
    argv : list of str, optional
        The dachs arguments (default: ``sys.argv[1:]``).
    """
    install_all()
    from gavo.user import cli
    sys.argv = ["dachs", *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
