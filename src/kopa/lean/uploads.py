"""An event log as it is uploaded: a CSV or XES file, gzip-compressed (.csv.gz, .xes.gz) or alone in a ZIP archive.

The request only looks: the file's size, the archive's table of contents, the first 64 KB of the log (its columns).
The analysis job unpacks it as a stream into a temporary file, counting the bytes against the administrator's
limit (KOPA_LEAN_MAX_UPLOAD_MB), so a small archive that unpacks into gigabytes stops at the limit; nothing is
ever extracted under a name taken from the archive.
"""

import gzip
import os
import shutil
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from isal import isal_zlib

from .analysis import HEAD_BYTES, EventLogError, check_head, is_xes, limit_bytes, too_large

LOG_EXTENSIONS = ("csv", "txt", "xes")
EXTENSIONS = [*LOG_EXTENSIONS, "gz", "zip"]  # what the upload form accepts
GZIP, ZIP = b"\x1f\x8b", (b"PK\x03\x04", b"PK\x05\x06")
CHUNK = 1 << 20
READ_STEP, UNPACK_STEP = 128 * 1024, 1 << 20  # measured: larger steps leave the cache and unpack slower


def _kind(handle) -> str:
    handle.seek(0)
    magic = handle.read(4)
    handle.seek(0)
    if magic[:2] == GZIP:
        return "gzip"
    if magic in ZIP:
        return "zip"
    return "plain"


def _extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/").lower()).suffix.lstrip(".")


def _too_large_unpacked() -> EventLogError:
    from django.conf import settings

    return EventLogError(_("Unpacked, the file would be larger than %(mb)d MB.") % {
        "mb": settings.KOPA_LEAN_MAX_UPLOAD_MB})


def _member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The one log in an archive. Folders and the resource forks macOS adds (__MACOSX/) are not files of the user's."""
    members = [info for info in archive.infolist()
               if not info.is_dir() and not info.filename.startswith("__MACOSX/")]
    if not members:
        raise EventLogError(_("The ZIP archive holds no file: put the event log (CSV or XES) in it."))
    if len(members) > 1:
        raise EventLogError(_("The ZIP archive holds several files (%(count)d): put only the event log in it.") % {
            "count": len(members)})
    info = members[0]
    parts = PurePosixPath(info.filename.replace("\\", "/")).parts
    if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in info.filename:
        raise EventLogError(_("The file in the ZIP archive has an unsafe name (%(name)s).") % {
            "name": info.filename[:80]})
    if info.flag_bits & 0x1:
        raise EventLogError(_("The ZIP archive is protected by a password."))
    if _extension(info.filename) not in LOG_EXTENSIONS:
        raise EventLogError(_("The file in the ZIP archive must be a CSV or XES event log, not %(name)s.") % {
            "name": info.filename[:80]})
    if info.file_size > limit_bytes():
        raise _too_large_unpacked()
    return info


def _zip(handle) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise EventLogError(_("The file is not a readable ZIP archive.")) from None


def _unpacking_error() -> EventLogError:
    return EventLogError(_("The compressed file is damaged and cannot be unpacked."))


def check_upload(handle, name: str, size: int) -> str:
    """The request's check of an uploaded log — size, archive, columns — without parsing it. Returns the suffix to
    store it under (.csv, .xes, .csv.gz, .xes.gz, .zip). Raises EventLogError with a translated reason."""
    if size > limit_bytes():
        raise too_large()
    kind, extension = _kind(handle), _extension(name)
    if extension == "zip" and kind != "zip":
        raise EventLogError(_("The file is not a readable ZIP archive."))
    if extension == "gz" and kind != "gzip":
        raise EventLogError(_("The file is not a gzip-compressed file."))
    try:
        if kind == "zip":
            archive = _zip(handle)
            with archive.open(_member(archive)) as member:
                head = member.read(HEAD_BYTES)
        elif kind == "gzip":
            # A single gzip member ends with its unpacked size (modulo 4 GB): a bomb that says so is refused at once;
            # one that lies is stopped while unpacking.
            handle.seek(-4, os.SEEK_END)
            if int.from_bytes(handle.read(4), "little") > limit_bytes():
                raise _too_large_unpacked()
            handle.seek(0)
            head = gzip.GzipFile(fileobj=handle, mode="rb").read(HEAD_BYTES)
        else:
            head = handle.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, NotImplementedError):
        raise _unpacking_error() from None
    finally:
        handle.seek(0)
    check_head(head)
    plain = ".xes" if is_xes(head) else ".csv"
    return {"zip": ".zip", "gzip": plain + ".gz"}.get(kind, plain)


def _copy_within_limit(source, target) -> None:
    written, limit = 0, limit_bytes()
    try:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise _too_large_unpacked()
            target.write(chunk)
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile):
        raise _unpacking_error() from None


def _gunzip_within_limit(source, target) -> None:
    """Unpack a gzip file (one member or several one after another, as `cat a.gz b.gz` makes) into `target`.

    ISA-L's inflate (isal, zlib's interface at three times its speed) directly, in small steps that stay in the
    processor's cache: GzipFile with zlib took four times as long, a quarter of a 5M-event upload. Each step unpacks
    at most UNPACK_STEP bytes, so a small piece of a bomb never becomes a large piece of memory; each member's CRC
    and length are checked, and anything after the last member other than zero padding is refused."""
    written, limit = 0, limit_bytes()
    inflate, data = isal_zlib.decompressobj(31), b""  # 31: a gzip header and trailer around the deflate stream
    try:
        while True:
            if not data:
                data = source.read(READ_STEP)
                if not data:
                    break
            if inflate.eof:  # the next member, after zero padding if any
                data = data.lstrip(b"\0")
                if not data:
                    continue
                if len(data) >= 2 and data[:2] != GZIP:
                    raise _unpacking_error()
                inflate = isal_zlib.decompressobj(31)
            chunk = inflate.decompress(data, UNPACK_STEP)
            written += len(chunk)
            if written > limit:
                raise _too_large_unpacked()
            target.write(chunk)
            data = inflate.unused_data if inflate.eof else inflate.unconsumed_tail
        if not inflate.eof:
            raise _unpacking_error()  # cut off before the end of its member
    except (zlib.error, isal_zlib.error):
        raise _unpacking_error() from None


@contextmanager
def unpacked(stored):
    """The path of the stored log's plain text for the analysis: the stored file itself when it is plain and on
    this machine's disk (polars reads it there), else a temporary file unpacked (or fetched) into, removed after."""
    try:
        path = stored.path
    except NotImplementedError:  # a remote storage
        path = None
    with stored.open("rb") as handle:
        kind = _kind(handle)
        if kind == "plain" and path is not None:
            yield path
            return
        with tempfile.NamedTemporaryFile(prefix="kopa-event-log-", suffix=".log") as target:
            if kind == "zip":
                archive = _zip(handle)
                with archive.open(_member(archive)) as member:
                    _copy_within_limit(member, target)
            elif kind == "gzip":
                _gunzip_within_limit(handle, target)
            else:
                shutil.copyfileobj(handle, target, CHUNK)
                if target.tell() > limit_bytes():
                    raise too_large()
            target.flush()
            yield target.name
