"""The ``kvalitet`` command line: a click group whose errors are one line and an exit code.

Built-in commands live one per module in this package. Plugin commands are added the first time
the command list is needed, so a broken plugin costs a warning, never a crash.
"""

from __future__ import annotations

import atexit
import os
import sys
from importlib import import_module
from typing import TYPE_CHECKING

import click

from kvalitet_core import __version__
from kvalitet_core.errors import ExitCode, KvalitetError
from kvalitet_core.terminal_text import echo

if TYPE_CHECKING:
    from kvalitet_core.plugins import PluginHost

BUILTIN_COMMANDS: dict[str, str] = {
    "convert": "kvalitet_core.cli.convert:convert",
    "validate": "kvalitet_core.cli.inspect:validate",
    "show": "kvalitet_core.cli.inspect:show",
    "schema": "kvalitet_core.cli.inspect:schema",
    "plugins": "kvalitet_core.cli.inspect:plugins",
    "models": "kvalitet_core.cli.inspect:models",
    "library": "kvalitet_core.cli.library_commands:library_command",
    "search": "kvalitet_core.cli.library_commands:search",
    "diff": "kvalitet_core.cli.library_commands:diff",
    "stats": "kvalitet_core.cli.library_commands:stats",
    "timeline": "kvalitet_core.cli.library_commands:timeline",
    "score": "kvalitet_core.cli.score:score",
    "new-plugin": "kvalitet_core.cli.new_plugin:new_plugin",
}
"""Command name → "module:attribute"; imported only when the command is used or listed."""

DEBUG_ENV = "KVALITET_DEBUG"


def debug_enabled() -> bool:
    """Whether tracebacks are wanted: ``--debug`` sets the variable so that workers see it too."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def warn(message: str) -> None:
    """One warning line on stderr."""
    echo(f"kvalitet: warning: {message}", err=True)


class KvalitetGroup(click.Group):
    """A group that imports built-in commands lazily and adds plugin commands on demand.

    Listing commands (``kvalitet --help``) never loads plugins, so help is instant and works
    whatever is installed; a plugin's command is found when it is called, and ``kvalitet
    plugins`` lists every plugin command.
    """

    _commands_of: object = None
    """The host whose plugin commands the group holds (a process may run it with several)."""

    def add_plugin_commands(self) -> None:
        from kvalitet_core.cli.host import cli_host

        host = cli_host()
        if self._commands_of is host:
            return
        for name in set(self.commands) - set(BUILTIN_COMMANDS):
            del self.commands[name]
        self._commands_of = host
        host.add_commands(self)
        for failure in host.failures:
            warn(str(failure))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(BUILTIN_COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in BUILTIN_COMMANDS:
            module, attribute = BUILTIN_COMMANDS[name].split(":")
            return getattr(import_module(module), attribute)
        if name not in self.commands:
            self.add_plugin_commands()
        return self.commands.get(name)


@click.group(cls=KvalitetGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kvalitet")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Read, convert, search and compare the written feedback of quality visits.

    \b
    Commands added by plugins are listed by `kvalitet plugins`.

    \b
    Exit codes: 0 success · 1 an input failed · 2 usage error · 3 invalid visit
                4 output not written · 5 plugin failed (strict mode) · 70 internal error
    """
    if debug:
        os.environ[DEBUG_ENV] = "1"
    from kvalitet_core.processes import terminate_like_interrupt

    terminate_like_interrupt()


def main(argv: list[str] | None = None, host: PluginHost | None = None) -> None:
    """Entry point: run the group and turn every error into one line and an exit code.

    ``host`` runs the commands with those plugins instead of the installed ones (the test kit's
    CLI runner does); it reaches the commands as the root context's ``obj``."""
    arguments = sys.argv[1:] if argv is None else argv
    try:
        code = cli.main(args=arguments, prog_name="kvalitet", standalone_mode=False, obj=host)
    except click.exceptions.Exit as done:
        code = done.exit_code
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except click.exceptions.Abort as abort:
        echo("kvalitet: aborted", err=True)
        code = getattr(abort.__cause__, "exit_code", 130)  # SIGTERM: 143, ^C: 130
    except KvalitetError as error:
        if debug_enabled():
            raise
        echo(f"kvalitet: error: {error}", err=True)
        code = error.exit_code
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitCode.FAILED_INPUTS
    except KeyboardInterrupt as interrupt:
        code = getattr(interrupt, "exit_code", 130)
    except Exception as error:
        if debug_enabled():
            raise
        message = f"{type(error).__name__}: {error}".splitlines()[0]
        echo(f"kvalitet: internal error: {message} (rerun with --debug for details)", err=True)
        code = ExitCode.INTERNAL
    sys.exit(int(code or 0))


def run() -> None:
    """The console script: ``main`` in a process that ends as soon as its work is done.

    Pydantic's own plugin discovery is skipped (it scans every installed distribution's entry
    points at the first model class, and the command line has no use for pydantic plugins;
    setting ``PYDANTIC_DISABLE_PLUGINS`` yourself still wins). At the end the exit handlers run
    and the output is flushed, and the process then exits without tearing the interpreter down
    object by object, which costs a batch conversion some 30 ms and achieves nothing the
    operating system does not do anyway.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    else:
        code = 0
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = code or ExitCode.FAILED_INPUTS
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
