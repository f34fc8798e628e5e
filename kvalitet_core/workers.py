"""Worker processes of a batch, and the plugin host each one works with.

A batch (``convert -j N``, a library refresh) is given its plugin host by the caller; its workers
must use that host, not whatever plugins the process-wide registry would load, or a custom host's
importers and exporters would be unknown in them. Workers are forked where the system can, so
they inherit the host — plugins already loaded — as it is; where processes are spawned (no fork),
a host cannot cross the boundary and each worker loads the installed plugins instead.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from kvalitet_core.plugins import PluginHost, get_host
from kvalitet_core.processes import die_with_parent

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_host: PluginHost | None = None
"""In a worker process: the host its pool was started with. Unset in every other process."""


def _start_worker(parent: int, host: PluginHost | None) -> None:
    global _host
    die_with_parent(parent)
    _host = host


def worker_pool(jobs: int, host: PluginHost) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers that die with this process and work with ``host``."""
    from concurrent.futures import ProcessPoolExecutor  # here: most commands start no worker
    from multiprocessing import get_all_start_methods, get_context

    forking = "fork" in get_all_start_methods()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork" if forking else None),
                               initializer=_start_worker, initargs=(os.getpid(), host if forking else None))


def worker_host() -> PluginHost:
    """The plugin host of this worker: its pool's, or the installed plugins where it was spawned."""
    return _host if _host is not None else get_host()
