"""Errors a user can act on, and the exit codes the command line maps them to.

Each error renders as one line naming the file and the problem; tracebacks are for ``--debug``.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """The documented exit codes of ``kvalitet`` (README.md lists them)."""

    OK = 0
    FAILED_INPUTS = 1  # one or more inputs could not be imported or converted
    USAGE = 2  # bad options or arguments (also click's own usage errors)
    INVALID = 3  # validate: a file is not a valid visit
    OUTPUT = 4  # an output could not be written
    PLUGIN = 5  # a plugin failed to load in strict mode
    UNCERTAIN = 6  # --strict: an input imported with warnings (the importer had to guess)
    DIFFERENT = 7  # diff: the two visits differ (0: they do not), as diff(1)'s 1
    INTERNAL = 70  # a bug: rerun with --debug for the traceback


class KvalitetError(Exception):
    """Base for errors shown to the user as one line."""

    exit_code: ExitCode = ExitCode.FAILED_INPUTS

    def __init__(self, message: str, source: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = str(source) if source is not None else None

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(KvalitetError):
    """An input cannot be read or is not what it claims to be."""


class NotAVisitError(InputError):
    """A readable file that holds something else than visits (a JSON file of other data)."""


class NoImporterError(InputError):
    """No registered importer accepts an input."""


class ImportFailedError(InputError):
    """An importer accepted an input and then failed on it; the message names the importer."""


class ValidationFailed(InputError):
    """A visit does not validate; the message carries the path to the field."""

    exit_code = ExitCode.INVALID


class UncertainImportError(InputError):
    """``--strict``: an input imported, but the importer had to guess (its warnings say where)."""

    exit_code = ExitCode.UNCERTAIN


class OutputError(KvalitetError):
    """An output cannot be written."""

    exit_code = ExitCode.OUTPUT


class OwnInputError(OutputError):
    """An output would replace one of the inputs (the same file under any name)."""


class NotFoundError(KvalitetError):
    """What was asked for is not there (``timeline``: no visits of that offer)."""


class UsageError(KvalitetError):
    """Options or arguments that do not fit together."""

    exit_code = ExitCode.USAGE


class PluginError(KvalitetError):
    """A plugin failed to load or register (an error only in strict mode)."""

    exit_code = ExitCode.PLUGIN


def describe_validation_error(error: Exception) -> str:
    """A one-line summary of a pydantic ValidationError: the first problem with its field path."""
    errors = getattr(error, "errors", None)
    if not callable(errors):
        return str(error).splitlines()[0]
    problems = errors()
    if not problems:
        return "invalid"
    shown = [
        f"{_format_location(p.get('loc', ()))}: {problem_message(p)}" if p.get("loc") else problem_message(p)
        for p in problems[:3]
    ]
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return "; ".join(shown) + more


_FORMS = {
    "id": "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit",
    "time_range": "two times of day, like 9.00-15.30",
    "themes": "a theme id without spaces, like 3a",
    "theme": "a theme id without spaces, like 3a",
}
"""What a field with a pattern expects, said in words (pydantic would show the regular expression)."""


def problem_message(problem: dict) -> str:
    """Pydantic's message for one problem, with a pattern replaced by what it means."""
    if problem.get("type") != "string_pattern_mismatch":
        return str(problem.get("msg", "invalid"))
    names = [part for part in problem.get("loc", ()) if isinstance(part, str)]
    form = _FORMS.get(names[-1]) if names else None
    return f"not in the expected form ({form})" if form else "not in the expected form"


def _format_location(location: tuple) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
