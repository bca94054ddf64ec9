"""Start-up stays light: the window's modules never import spaCy (it loads in a child process)."""

from __future__ import annotations

import subprocess
import sys


def test_window_modules_do_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "import viewer.ui.shell.app, viewer.ui.shell.main_window\n"
        "print(','.join(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_analysis_child_module_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import viewer.ui.background.child\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
