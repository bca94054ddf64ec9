"""The core must stay usable without Qt: importing every core module loads no PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import viewer.core


def test_core_modules_import_without_qt() -> None:
    names = [m.name for m in pkgutil.walk_packages(viewer.core.__path__, "viewer.core.")]
    assert "viewer.core.model" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
