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
  the job's own directory only) must be ``http``/``https`` and every
  address its host resolves to public (:func:`address_allowed`: not
  loopback, private, link-local, reserved, multicast or unspecified,
  nor an IPv6 form of such an address); otherwise the request is
  refused with one message that says nothing about the host's ports.
  Numeric forms (``127.1``, ``0x7f000001``, ``[::ffff:127.0.0.1]``)
  and names that resolve to loopback are refused alike.
* At run time, :func:`install` wraps ``_ingestUploads``: remote URLs
  are fetched by :func:`fetch`, which resolves the host once, checks
  every address and connects to exactly the checked addresses (the
  ``Host`` header and the TLS name stay the URL's), so a DNS answer
  that changes between check and connection (DNS rebinding) cannot
  reach the server's own network; each redirect the same;
  :data:`TIMEOUT` seconds per network operation and
  :data:`TOTAL_SECONDS` in all; at most DaCHS's ``[web]maxUploadSize``
  bytes, into the job's directory, and DaCHS ingests the local copy.
  A failed fetch is one message whatever the cause.
* Messages of the ingestion lose the job directory's path.

How to tell it is fixed
-----------------------
:func:`bug_present` asks DaCHS's own ``_preprocess_upload`` to take an
upload from ``http://127.0.0.1/``; while it takes it, the bug is there
and ``test_dachs_upload_fetch_bug_still_present`` passes.  Once it
fails, remove this module and its entry in ``dachs_server.PATCHES``.
"""

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.parse

from workarounds import patching

__all__ = ["TIMEOUT", "TOTAL_SECONDS", "MAX_REDIRECTS", "UploadRefused",
           "address_allowed", "resolve_public", "url_problem", "fetch",
           "bug_present", "install"]

#: Seconds a single connect or read of an upload URL may take.
TIMEOUT = 10
#: Seconds the whole fetch of one upload URL may take.
TOTAL_SECONDS = 30
#: Redirects an upload URL may take (each checked like the URL itself).
MAX_REDIRECTS = 5

_REFUSED = ("Upload '{url}' refused: this service fetches uploads only "
            "from http or https URLs of public hosts.")
_FAILED = ("Upload '{url}' cannot be retrieved: no complete answer with "
           "status 200 within {seconds} s.  Upload the table inline "
           "(UPLOAD=name,param:file) instead.")


class UploadRefused(Exception):
    """An upload URL this service does not fetch (message for the client)."""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(address):
    """The IPv4 addresses an IPv6 address stands for (mapped, 6to4, ...)."""
    if address.version == 4:
        return []
    embedded = [address.ipv4_mapped, address.sixtofour]
    embedded += list(address.teredo or ())
    if address in _NAT64 or address in _COMPATIBLE:
        # a NAT64 gateway or an old dual stack reaches the last 32 bits
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [a for a in embedded if a is not None]


def address_allowed(address):
    """Whether this service may connect to ``address`` for an upload.

    Parameters
    ----------
    address : ipaddress.IPv4Address or ipaddress.IPv6Address

    Returns
    -------
    bool
        False for loopback, private, link-local, reserved, multicast and
        unspecified addresses, and for IPv6 forms of such IPv4 addresses
        (``::ffff:127.0.0.1``, 6to4, Teredo, NAT64).
    """
    for candidate in [address, *_embedded_ipv4(address)]:
        if (candidate.is_loopback or candidate.is_private
                or candidate.is_link_local or candidate.is_reserved
                or candidate.is_multicast or candidate.is_unspecified
                or not candidate.is_global):
            return False
    return True


def resolve_public(url, resolve=socket.getaddrinfo, allowed=address_allowed):
    """The parts of ``url`` and its host's addresses, all checked.

    The host is resolved once here; the fetch connects to exactly these
    addresses, so that a second resolution (DNS rebinding) cannot take
    it elsewhere.

    Parameters
    ----------
    url : str
    resolve : callable
        ``socket.getaddrinfo`` (a test passes its own).
    allowed : callable
        address -> bool (:func:`address_allowed`; a test passes its own).

    Returns
    -------
    tuple
        (``urllib.parse.SplitResult``, port, list of address strings).

    Raises
    ------
    UploadRefused
        With the message for the client (the same for every refused host).
    """
    refused = UploadRefused(_REFUSED.format(url=url))
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise refused from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise refused
    try:
        infos = resolve(parts.hostname, port, proto=socket.IPPROTO_TCP)
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0])
                     for info in infos]
    except (OSError, UnicodeError, ValueError):
        raise refused from None
    # every address, not just the first: a name may list a public and a
    # loopback address, and the connection may fall back to either
    if not addresses or not all(allowed(a) for a in addresses):
        raise refused
    return parts, port, list(dict.fromkeys(str(a) for a in addresses))


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
    try:
        resolve_public(url, resolve)
    except UploadRefused as ex:
        return str(ex)
    return None


def _connect(addresses, port, timeout):
    """A socket connected to the first of ``addresses`` that answers."""
    error = OSError("no address")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as ex:
            error = ex
    raise error


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to checked addresses, whatever the name says."""

    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses

    def connect(self):
        self.sock = _connect(self.addresses, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to checked addresses; the certificate is checked for the name."""

    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout,
                         context=ssl.create_default_context())
        self.addresses = addresses

    def connect(self):
        self.sock = self._context.wrap_socket(
            _connect(self.addresses, self.port, self.timeout),
            server_hostname=self.host)


def _open(url, timeout, resolve, allowed):
    """(connection, response) of a GET of ``url`` at its checked address."""
    parts, port, addresses = resolve_public(url, resolve, allowed)
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = kind(parts.hostname, port, addresses, timeout)
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query,
                                    ""))
    connection.request("GET", path, headers={"User-Agent": "apdc-upload"})
    return connection, connection.getresponse()


def fetch(url, destination, max_bytes, timeout=TIMEOUT,
          total_seconds=TOTAL_SECONDS, resolve=socket.getaddrinfo,
          allowed=address_allowed):
    """Copy ``url`` to the open binary file ``destination``.

    Each URL (the given one and every redirect's) is resolved once by
    :func:`resolve_public` and the connection goes to exactly the
    addresses checked there.

    Parameters
    ----------
    url : str
    destination : file
    max_bytes : int
        Refuse bodies longer than this.
    timeout, total_seconds : float
        Per network operation and in all.
    resolve, allowed : callable
        As for :func:`resolve_public` (tests pass their own).

    Raises
    ------
    UploadRefused
        With the message for the client.
    """
    failed = UploadRefused(_FAILED.format(url=url, seconds=total_seconds))
    deadline = time.monotonic() + total_seconds
    written, current = 0, url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            connection, answer = _open(current, timeout, resolve, allowed)
            try:
                if answer.status in (301, 302, 303, 307, 308):
                    location = answer.getheader("location")
                    if not location:
                        raise failed
                    current = urllib.parse.urljoin(current, location)
                    continue
                if answer.status != 200:
                    raise failed
                while True:
                    chunk = answer.read(65536)
                    if not chunk:
                        return
                    written += len(chunk)
                    if written > max_bytes:
                        raise UploadRefused(
                            f"Upload '{url}' is larger than {max_bytes} "
                            "bytes, the upload limit of this service.")
                    if time.monotonic() > deadline:
                        raise failed
                    destination.write(chunk)
            finally:
                connection.close()
        raise failed
    except (OSError, ValueError, http.client.HTTPException) as ex:
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
    return patching.replace_all(
        (tap.TAPJob, "_preprocess_upload", _preprocess_upload),
        (taprunner, "_ingestUploads", _ingest_uploads))
