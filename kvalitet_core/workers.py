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
    from multiprocessing.context import BaseContext

_host: PluginHost | None = None
"""In a worker process: the host its pool was started with. Unset in every other process."""


def _start_worker(parent: int, host: PluginHost | None) -> None:
    global _host
    die_with_parent(parent)
    _host = host


_forking_worker = False
"""True while this process forks a worker: the child's side of the fork then silences itself."""


def _silence_new_worker() -> None:
    """In a child just forked as a worker, before anything else runs in it: stderr goes nowhere.
    A worker reports through its results; one that its pool ends while it is still starting (a
    sibling killed by the kernel, the batch stopped) would otherwise print multiprocessing's
    "Process ForkProcess-3:" among the batch's own messages."""
    if _forking_worker:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_silence_new_worker)


def _quiet_context(method: str | None) -> BaseContext:
    """A multiprocessing context whose worker processes are forked silenced (see above)."""
    from multiprocessing import get_context

    context = get_context(method)

    class QuietProcess(context.Process):  # type: ignore[name-defined,misc]
        def start(self) -> None:
            global _forking_worker
            _forking_worker = True
            try:
                super().start()
            finally:
                _forking_worker = False

    class QuietContext(type(context)):  # type: ignore[misc]
        Process = QuietProcess

    return QuietContext()


def worker_pool(jobs: int, host: PluginHost) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers that die with this process and work with ``host``."""
    from concurrent.futures import ProcessPoolExecutor  # here: most commands start no worker
    from multiprocessing import get_all_start_methods

    forking = "fork" in get_all_start_methods()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_quiet_context("fork" if forking else None),
                               initializer=_start_worker, initargs=(os.getpid(), host if forking else None))


def worker_host() -> PluginHost:
    """The plugin host of this worker: its pool's, or the installed plugins where it was spawned."""
    return _host if _host is not None else get_host()
