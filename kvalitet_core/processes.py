"""Worker processes: how many cores a batch may use."""

from __future__ import annotations

import os


def available_cores() -> int:
    """All cores this process may use (its CPU affinity where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
