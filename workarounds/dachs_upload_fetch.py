"""DaCHS 2.7: TAP uploads by URL fetch anything, slowly, and talk too much.

Upstream bug
------------
``UPLOAD=t,<url>`` makes ``gavo.protocols.taprunner._ingestUploads``
open the URL with ``utils.urlopenRemote`` (timeout 100 s) from the
server: loopback and private addresses included, so a client can make
the server probe its own network; the messages ("Connection refused",
a timeout, an HTTP status) tell open from closed ports; an
``https://`` URL to a plain-HTTP port holds the request for the 100 s
timeout.  Errors of an upload print the server's job directory
(``While ingesting upload t: /var/gavo/state/uwsjobs/<id>/t syntax
error``, ``No such file or directory: '/var/gavo/state/uwsjobs/...'``
for ``file://`` URLs).

Work-around
-----------
* At job creation (``TAPJob._preprocess_upload``, sync and async), a
  client's upload URL (other than ``file://``, which DaCHS resolves in
  the job's own directory only) must be ``http``/``https`` and every address of
  its host public (:func:`url_problem`); otherwise the request is
  refused with one message that says nothing about the host's ports.
* At run time, :func:`install` wraps ``_ingestUploads``: remote URLs
  are fetched by :func:`fetch` (the address check again, for each
  redirect too; :data:`TIMEOUT` seconds per network operation and
  :data:`TOTAL_SECONDS` in all; at most DaCHS's ``[web]maxUploadSize``
  bytes) into the job's directory, and DaCHS ingests the local copy.
  A failed fetch is one message whatever the cause.
* Messages of the ingestion lose the job directory's path.

How to tell it is fixed
-----------------------
:func:`bug_present` asks DaCHS's own ``_preprocess_upload`` to take an
upload from ``http://127.0.0.1/``; while it takes it, the bug is there
and ``test_dachs_upload_fetch_bug_still_present`` passes.  Once it
fails, remove this module and its entry in ``dachs_server.PATCHES``.
"""

import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from workarounds import patching

__all__ = ["TIMEOUT", "TOTAL_SECONDS", "UploadRefused", "url_problem",
           "fetch", "bug_present", "install"]

#: Seconds a single connect or read of an upload URL may take.
TIMEOUT = 10
#: Seconds the whole fetch of one upload URL may take.
TOTAL_SECONDS = 30

_REFUSED = ("Upload '{url}' refused: this service fetches uploads only "
            "from http or https URLs of public hosts.")
_FAILED = ("Upload '{url}' cannot be retrieved: no complete answer with "
           "status 200 within {seconds} s.  Upload the table inline "
           "(UPLOAD=name,param:file) instead.")


class UploadRefused(Exception):
    """An upload URL this service does not fetch (message for the client)."""


def url_problem(url, resolve=socket.getaddrinfo):
    """Why this service does not fetch ``url``, or None.

    Parameters
    ----------
    url : str
    resolve : callable
        ``socket.getaddrinfo`` (a test passes its own).

    Returns
    -------
    str or None
        The message for the client (the same for every refused host).
    """
    refused = _REFUSED.format(url=url)
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return refused
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return refused
    try:
        infos = resolve(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return refused
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            return refused
    return None if infos else refused


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a URL that :func:`url_problem` accepts."""

    def __init__(self, check):
        super().__init__()
        self.check = check

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if self.check(newurl):
            raise UploadRefused(self.check(newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url, destination, max_bytes, check=url_problem, timeout=TIMEOUT,
          total_seconds=TOTAL_SECONDS):
    """Copy ``url`` to the open binary file ``destination``.

    Parameters
    ----------
    url : str
    destination : file
    max_bytes : int
        Refuse bodies longer than this.
    check : callable
        url -> message or None (:func:`url_problem`).
    timeout, total_seconds : float
        Per network operation and in all.

    Raises
    ------
    UploadRefused
        With the message for the client.
    """
    if check(url):
        raise UploadRefused(check(url))
    failed = UploadRefused(_FAILED.format(url=url, seconds=total_seconds))
    opener = urllib.request.build_opener(_CheckedRedirects(check))
    deadline = time.monotonic() + total_seconds
    written = 0
    try:
        with opener.open(url, timeout=timeout) as answer:
            if answer.status != 200:
                raise failed
            while True:
                chunk = answer.read(65536)
                if not chunk:
                    return
                written += len(chunk)
                if written > max_bytes:
                    raise UploadRefused(
                        f"Upload '{url}' is larger than {max_bytes} bytes, "
                        "the upload limit of this service.")
                if time.monotonic() > deadline:
                    raise failed
                destination.write(chunk)
    except (OSError, ValueError, urllib.error.URLError,
            socket.timeout) as ex:
        raise failed from ex


def _scrub(message, job):
    """``message`` without the job directory's path."""
    folder = job.getWD().rstrip("/")
    return message.replace(folder + "/", "").replace(folder, "")


def _preprocess_upload(self, uploadParam):
    """TAPJob._preprocess_upload refusing URLs of non-public hosts."""
    from gavo import base
    from gavo.protocols import tap
    for _, target in uploadParam or []:
        # file:// names a file of the job's own directory (inline uploads
        # are saved there; _ingestUploads keeps only the last segment)
        if isinstance(target, str) and not target.startswith("file://"):
            problem = url_problem(target)
            if problem:
                raise base.ValidationError(problem, "UPLOAD")
    return patching.original(tap.TAPJob, "_preprocess_upload")(
        self, uploadParam)


def _ingest_uploads(job, uploads, connection):
    """taprunner._ingestUploads with checked, bounded fetches (see module)."""
    from gavo import base
    from gavo.protocols import taprunner
    local = []
    for destName, src in uploads or []:
        if not src.startswith("file://"):
            name = f"remote_upload_{len(local)}"
            try:
                with job.openFile(name, "wb") as destination:
                    fetch(src, destination,
                          base.getConfig("web", "maxUploadSize"))
            except UploadRefused as ex:
                raise base.ValidationError(str(ex), "UPLOAD")
            src = "file://" + name
        local.append((destName, src))
    try:
        return patching.original(taprunner, "_ingestUploads")(
            job, local, connection)
    except base.Error as ex:
        ex.msg = _scrub(ex.msg, job)
        ex.hint = ex.hint and _scrub(ex.hint, job)
        raise
    except OSError as ex:
        raise base.ValidationError(_scrub(
            f"Upload cannot be read: {ex.strerror or ex}", job),
            "UPLOAD") from None


def bug_present():
    """Whether DaCHS's own upload handling takes a loopback URL.

    Returns
    -------
    bool
    """
    from gavo.protocols import tap
    original = patching.original(tap.TAPJob, "_preprocess_upload")
    try:
        kept = original(None, [("t", "http://127.0.0.1/")])
    except Exception:
        return False
    return kept == [("t", "http://127.0.0.1/")]


def install():
    """Check, bound and quieten TAP upload fetches (idempotent).

    Returns
    -------
    bool
        True if this call installed it.
    """
    from gavo.protocols import tap, taprunner
    patching.replace(tap.TAPJob, "_preprocess_upload", _preprocess_upload)
    return patching.replace(taprunner, "_ingestUploads", _ingest_uploads)
