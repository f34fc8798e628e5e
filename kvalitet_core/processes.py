"""Worker processes: how many cores a batch may use, and how nothing of a batch outlives it.

A batch is stopped in every way a process can be: ^C, ``kill`` (SIGTERM, from ``timeout`` or a
service manager), SIGKILL, the kernel's out-of-memory killer. Workers ask the kernel to kill
them when their parent dies (Linux's ``PR_SET_PDEATHSIG``, else they notice the new parent
between inputs), and a small watchdog process removes the files a batch had staged when the
batch ends without doing so itself — the one case no code in the batch can handle is its own
SIGKILL.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like ^C: what was staged is removed and the exit code says which."""

    exit_code = 128 + signal.SIGTERM


def terminate_like_interrupt() -> None:
    """Make SIGTERM stop this process the way ^C does (through ``finally`` blocks), where
    Python's default would end it at once and leave its workers and staged files behind."""
    def stop(signum: int, frame: object) -> None:
        raise Terminated()

    signal.signal(signal.SIGTERM, stop)


def available_cores() -> int:
    """All cores this process may use (its CPU affinity where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """Worker initialiser: be killed by the kernel the moment the batch process dies, however it
    dies. Interrupts are the parent's to handle: a ^C reaches the whole process group, and a
    worker that stopped on its own would only break the pool under the parent's clean-up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the check between inputs remains
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def orphaned(parent: int) -> bool:
    """Whether the batch process this worker was started by is gone."""
    return os.getppid() != parent


def start_watchdog(clean_up: Callable[[], None]) -> None:
    """Fork a process that waits for this one to end and then calls ``clean_up``.

    It waits on a pipe only this process (and its workers, which die with it) holds open: the
    pipe closes however the batch ends, SIGKILL included. A batch that ends normally has cleaned
    up already, and ``clean_up`` finds nothing. Interrupts are ignored: a ^C at the terminal
    reaches the watchdog too, and it must outlive the batch to do its work.
    """
    if not hasattr(os, "fork"):
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(read_end)
        _watchdog_pipes.append(write_end)
        return
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        os.close(write_end)
        for descriptor in (0, 1, 2):  # hold no pipe of the caller's open (a shell waits on them)
            os.dup2(os.open(os.devnull, os.O_RDWR), descriptor)
        os.setsid()  # out of the terminal's process group
        while os.read(read_end, 1):
            pass
        clean_up()
    finally:
        os._exit(0)


_watchdog_pipes: list[int] = []
"""Write ends of the watchdogs' pipes, open for as long as this process lives."""
