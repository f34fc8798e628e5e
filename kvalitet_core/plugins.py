"""Finding, loading and asking plugins.

Every plugin — the built-ins under ``plugins/`` included — is found through one entry-point
group, ``kvalitet.plugins``. Loading is guarded per plugin: one that fails to import, uses an
unknown hook or raises while registering is recorded as a failure (named with its distribution
and version) and everything else keeps working. Two environment variables steer loading:

``KVALITET_PLUGINS``
    Comma-separated entry-point names: load only these (``yaml,pdf``). Empty loads none.
``KVALITET_STRICT_PLUGINS``
    When set to ``1``, a plugin failure is an error instead of a warning.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import Distribution, EntryPoint, entry_points
from types import ModuleType
from typing import Any

import pluggy

from kvalitet_core import hookspecs
from kvalitet_core.errors import PluginError
from kvalitet_core.formats import Exporter, Importer
from kvalitet_core.quality_model import QualityModel, builtin_quality_models

ENTRY_POINT_GROUP = "kvalitet.plugins"
ONLY_ENV = "KVALITET_PLUGINS"
STRICT_ENV = "KVALITET_STRICT_PLUGINS"


@dataclass(frozen=True, slots=True)
class PluginFailure:
    """A plugin that could not be loaded or registered, and why."""

    plugin: str
    distribution: str | None
    version: str | None
    error: str

    def __str__(self) -> str:
        origin = f" ({self.distribution} {self.version})" if self.distribution else ""
        return f"plugin '{self.plugin}'{origin} failed: {self.error}"


@dataclass(slots=True)
class PluginInfo:
    """A loaded plugin and what it contributed."""

    name: str
    distribution: str | None
    version: str | None
    module: str
    importers: list[str] = field(default_factory=list)
    exporters: list[str] = field(default_factory=list)
    quality_models: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)


class PluginHost:
    """The loaded plugins and everything they registered."""

    def __init__(self, modules: Iterable[tuple[EntryPoint | None, ModuleType | object]] = (),
                 *, strict: bool = False) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        self.strict = strict
        self.plugins: dict[str, PluginInfo] = {}
        self.failures: list[PluginFailure] = []
        self.importers: dict[str, Importer] = {}
        self.exporters: dict[str, Exporter] = {}
        self.quality_models: dict[str, QualityModel] = {m.id: m for m in builtin_quality_models()}
        for entry_point, module in modules:
            self.add(module, entry_point)

    # -- loading ---------------------------------------------------------------------------

    def load_entry_points(self, only: set[str] | None = None) -> None:
        """Import and register every plugin of the entry-point group (or only the named ones)."""
        for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if only is not None and entry_point.name not in only:
                continue
            if entry_point.name in self.plugins:
                continue
            try:
                module = entry_point.load()
            except Exception as error:  # a plugin's import may raise anything
                self._fail(entry_point.name, entry_point, error)
                continue
            self.add(module, entry_point)

    def add(self, module: ModuleType | object, entry_point: EntryPoint | None = None,
            name: str | None = None) -> None:
        """Register one plugin object (a module or an instance with hook implementations)."""
        name = name or (entry_point.name if entry_point else getattr(module, "__name__", repr(module)))
        dist = entry_point.dist if entry_point is not None else None
        distribution, version = _origin(dist) if dist else (None, None)
        info = PluginInfo(
            name=name,
            distribution=distribution,
            version=version,
            module=getattr(module, "__name__", type(module).__name__),
        )
        try:
            self.manager.register(module, name=name)
            self.manager.check_pending()
        except Exception as error:
            if self.manager.is_registered(module):
                self.manager.unregister(module)
            self._fail(name, entry_point, error)
            return
        try:
            self._collect(module, info)
        except Exception as error:
            self.manager.unregister(module)
            self._fail(name, entry_point, error)
            return
        self.plugins[name] = info

    def _collect(self, module: object, info: PluginInfo) -> None:
        """Run this plugin's register hooks, keeping what it registers only if all succeed."""
        importers: dict[str, Importer] = {}
        exporters: dict[str, Exporter] = {}
        models: dict[str, QualityModel] = {}

        def registrar(kind: str, target: dict, cls: type) -> Callable[[Any], None]:
            def register(thing: Any) -> None:
                if not isinstance(thing, cls):
                    raise TypeError(f"register_{kind}s was given {thing!r}, not a {cls.__name__}")
                key = thing.id if isinstance(thing, QualityModel) else thing.name
                existing = {"importer": self.importers, "exporter": self.exporters,
                            "quality_model": self.quality_models}[kind]
                if key in existing or key in target:
                    raise ValueError(f"{kind} '{key}' is already registered")
                target[key] = thing
            return register

        hooks = self.manager.hook
        for hook, kind, target, cls in (
            (hooks.register_importers, "importer", importers, Importer),
            (hooks.register_exporters, "exporter", exporters, Exporter),
            (hooks.register_quality_models, "quality_model", models, QualityModel),
        ):
            for impl in hook.get_hookimpls():
                if impl.plugin is module:
                    offered = {"register": registrar(kind, target, cls), "host": self}
                    impl.function(**{name: offered[name] for name in impl.argnames})
        self.importers.update(importers)
        self.exporters.update(exporters)
        self.quality_models.update(models)
        info.importers, info.exporters, info.quality_models = list(importers), list(exporters), list(models)
        info.commands = [
            impl.function.__name__
            for impl in hooks.register_commands.get_hookimpls() if impl.plugin is module
        ]

    def add_commands(self, cli: Any) -> None:
        """Let every plugin add its subcommands; a failing one is recorded, the rest still load."""
        for impl in self.manager.hook.register_commands.get_hookimpls():
            before = set(cli.commands)
            try:
                impl.function(cli=cli)
            except Exception as error:
                for added in set(cli.commands) - before:
                    del cli.commands[added]
                self._fail(impl.plugin_name, None, error)
                continue
            if impl.plugin_name in self.plugins:
                self.plugins[impl.plugin_name].commands = sorted(set(cli.commands) - before)

    def _fail(self, name: str, entry_point: EntryPoint | None, error: BaseException) -> None:
        dist = entry_point.dist if entry_point is not None else None
        if dist is None and name in self.plugins:
            info = self.plugins[name]
            dist_name, dist_version = info.distribution, info.version
        else:
            dist_name, dist_version = _origin(dist) if dist else (None, None)
        message = f"{type(error).__name__}: {error}".splitlines()[0]
        failure = PluginFailure(name, dist_name, dist_version, message)
        if os.environ.get("KVALITET_DEBUG"):
            traceback.print_exception(error)
        if self.strict:
            raise PluginError(str(failure))
        self.failures.append(failure)

    # -- lookups ---------------------------------------------------------------------------

    def quality_model(self, model_id: str) -> QualityModel | None:
        return self.quality_models.get(model_id)


@cache
def _origin(dist: Distribution) -> tuple[str, str]:
    """A distribution's name and version, read once: each reading parses its metadata file again,
    and one distribution usually brings several plugins (the built-ins are seven)."""
    metadata = dist.metadata
    return metadata["Name"], metadata["Version"]


def _only_from_environment() -> set[str] | None:
    value = os.environ.get(ONLY_ENV)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


@cache
def get_host() -> PluginHost:
    """The process-wide plugin host, loaded on first use so ``kvalitet --help`` stays fast."""
    host = PluginHost(strict=os.environ.get(STRICT_ENV, "") not in ("", "0"))
    host.load_entry_points(_only_from_environment())
    return host
