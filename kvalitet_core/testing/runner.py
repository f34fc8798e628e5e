"""Running the ``kvalitet`` command line in-process with a given plugin host.

A plugin's tests should see its command-line behaviour — exit codes, one-line errors, what
reaches stdout — with exactly the plugins they registered, not whatever else is installed. The
command line takes the host as its root context's object (``main(argv, host=...)``); this runs it
with captured streams and puts back what a run changes in the process (signal handlers, the
environment), so that many runs can share one test process.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from kvalitet_core.plugins import PluginHost


@dataclass(frozen=True, slots=True)
class CliResult:
    """What one run of the command line did."""

    exit_code: int
    stdout: bytes
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")


class _Stream(io.TextIOWrapper):
    """A text stream over bytes, like ``sys.stdout``: binary output goes to ``.buffer``."""

    def __init__(self, data: bytes = b"") -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", errors="surrogateescape", write_through=True)

    def getvalue(self) -> bytes:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue()


def run_cli(args: Sequence[str], host: PluginHost, input: bytes = b"") -> CliResult:
    """Run ``kvalitet ARGS`` with ``host``'s plugins, ``input`` on stdin; never raises for a
    failing command — its exit code and stderr say what happened."""
    from kvalitet_core.cli.main import main

    streams = (sys.stdin, sys.stdout, sys.stderr)
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    environment = dict(os.environ)
    stdin, stdout, stderr = _Stream(input), _Stream(), _Stream()
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        main(list(args), host=host)
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for number, handler in handlers.items():
            signal.signal(number, handler)
        os.environ.clear()
        os.environ.update(environment)
    return CliResult(code, stdout.getvalue(), stderr.getvalue().decode("utf-8", errors="replace"))
