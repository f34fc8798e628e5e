"""A throwaway virtual environment for installing a plugin package in tests, offline.

The environment sees this one's packages (kvalitet, pytest and their dependencies) through a
``.pth`` file, and the plugin is installed into it by pip without an index and without build
isolation, so nothing is downloaded: what is tested is the package's own build, entry point and
tests, against the kvalitet under test.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import private_environment


class PluginVenv:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / "venv")], check=True, timeout=120)
        self.python = folder / "venv" / "bin" / "python"
        purelib = subprocess.run([str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        ours = sysconfig.get_paths()["purelib"]
        Path(purelib, "kvalitet-under-test.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
        self.env = private_environment(folder / "home")

    def run(self, *args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.python), *args], cwd=cwd, env=self.env, capture_output=True, text=True,
                              timeout=timeout)

    def install(self, package: Path, editable: bool = False) -> None:
        target = ["-e", str(package)] if editable else [str(package)]
        done = subprocess.run([sys.executable, "-m", "pip", "--python", str(self.python), "install", "--quiet",
                               "--no-deps", "--no-build-isolation", "--no-index", *target],
                              env=self.env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr

    def kvalitet(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "kvalitet_core.cli.main", *args, cwd=cwd)

    def pytest(self, cwd: Path) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=cwd)
