"""The recorder's backlog: raw screenshots waiting for redaction, compressed, in RAM only.

Each waiting screenshot is held losslessly compressed in its own anonymous memory map, which
is locked in RAM (``mlock``) where the OS allows it, so swap cannot write it, and left out of
core dumps (``MADV_DONTDUMP``). Where locking is refused (an unprivileged user's
``RLIMIT_MEMLOCK`` is often 8 MB), the screenshot is kept unlocked and the log says so once:
then swap or hibernation may hold it (docs/PRIVACY.md). Nothing here ever touches a file.

The backlog has a cap on its compressed bytes (:func:`default_cap_bytes`): min(25 % of the
RAM available at start, 1 GB). Only past it is a screenshot dropped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import mmap
import os
import threading

_log = logging.getLogger("cuarec.backlog")

#: The cap never exceeds this many compressed bytes (~4,000 1080p text screens).
MAX_CAP_BYTES = 1 << 30
#: ...nor this share of the RAM available when the recording starts.
RAM_SHARE = 0.25


def available_ram_bytes() -> int | None:
    """RAM available to new allocations now (Linux ``MemAvailable``), or None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def default_cap_bytes(available: int | None = None) -> int:
    """min(25 % of available RAM, 1 GB); 1 GB where the available RAM is unknown."""
    available = available_ram_bytes() if available is None else available
    if available is None:
        return MAX_CAP_BYTES
    return max(1, min(MAX_CAP_BYTES, int(available * RAM_SHARE)))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c") if os.name == "posix" else None
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None
    if not hasattr(libc, "mlock"):
        return None
    libc.mlock.argtypes = (ctypes.c_void_p, ctypes.c_size_t)
    libc.mlock.restype = ctypes.c_int
    return libc


class MemoryLocker:
    """Locks buffers in RAM where the OS allows it; says once when it cannot."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and _libc() is not None
        self.locked = 0
        self.unlocked = 0
        self.refusal: str | None = None
        self._lock = threading.Lock()

    def lock(self, buffer: mmap.mmap) -> bool:
        """Lock ``buffer``'s pages; False (and counted) where refused or unsupported."""
        libc = _libc() if self.enabled else None
        ok = False
        if libc is not None:
            anchor = ctypes.c_char.from_buffer(buffer)
            try:
                ok = libc.mlock(ctypes.addressof(anchor), len(buffer)) == 0
            finally:
                del anchor  # the map can only be closed once no pointer exports it
            if not ok:
                self._refused(ctypes.get_errno())
        with self._lock:
            if ok:
                self.locked += 1
            else:
                self.unlocked += 1
        return ok

    def _refused(self, errno_value: int) -> None:
        if self.refusal is not None:
            return
        self.refusal = os.strerror(errno_value) if errno_value else "refused"
        _log.info("cannot lock waiting screenshots in RAM (%s; RLIMIT_MEMLOCK is often "
                  "8 MB): those past the limit stay unlocked, so swap or hibernation may "
                  "hold them (docs/PRIVACY.md)", self.refusal)

    def message(self) -> str | None:
        """What to tell the user once locking was refused (None while all is locked)."""
        if self.refusal is None:
            return None
        return ("waiting screenshots past the memory-lock limit are not locked in RAM: swap or "
                "hibernation may hold them (raise `ulimit -l`, or use encrypted swap; "
                "docs/PRIVACY.md)")


class PendingFrame:
    """One compressed raw screenshot waiting for redaction, shared by the consecutive steps
    that show it. :meth:`retain` and :meth:`release` count its users; the last release
    frees (and so unlocks) its memory."""

    __slots__ = ("_map", "_refs", "locked", "size")

    def __init__(self, data: bytes, locker: MemoryLocker) -> None:
        self.size = len(data)
        self._map: mmap.mmap | None = mmap.mmap(-1, max(1, self.size))
        if hasattr(mmap, "MADV_DONTDUMP"):
            self._map.madvise(mmap.MADV_DONTDUMP)
        self.locked = locker.lock(self._map)
        self._map.write(data)
        self._refs = 1

    def retain(self) -> bool:
        """One more user; False when it was already freed (the caller must not use it)."""
        if self._map is None:
            return False
        self._refs += 1
        return True

    def read(self) -> bytes:
        if self._map is None:
            raise RuntimeError("pending frame already released")
        return self._map[: self.size]

    def release(self) -> bool:
        """One user fewer; True when this freed the memory."""
        if self._map is None:
            return False
        self._refs -= 1
        if self._refs > 0:
            return False
        self._map.close()  # unmapping unlocks the pages
        self._map = None
        return True
