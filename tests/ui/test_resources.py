"""The program's own files are found in a checkout, installed for editing or never installed
(the installed wheel: ``tests/test_wheel.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from viewer.ui.resources import read_resource, resource_path, resources_dir, sample_folder

ROOT = Path(__file__).resolve().parents[2]


def test_the_checkout_s_folders_are_found() -> None:
    assert resources_dir() == ROOT / "resources"
    assert sample_folder() == ROOT / "seeds"
    assert resource_path("article-viewer.svg") == ROOT / "resources" / "article-viewer.svg"
    assert read_resource("style.qss") == (ROOT / "resources" / "style.qss").read_text(encoding="utf-8")


def test_a_missing_resource_is_none_and_empty() -> None:
    assert resource_path("no-such-file.qss") is None
    assert read_resource("no-such-file.qss") == ""


def test_a_checkout_never_installed_finds_them_beside_the_package(tmp_path: Path) -> None:
    # -S: no site-packages, so no installed (or editable) copy of the package: only the checkout.
    code = (
        f"import sys, json; sys.path.insert(0, {str(ROOT)!r}); import viewer.ui.resources as r; "
        "print(json.dumps([str(r.resources_dir()), str(r.sample_folder()), r.read_resource('style.qss')]))"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    folder, samples, qss = json.loads(done.stdout)
    assert (folder, samples) == (str(ROOT / "resources"), str(ROOT / "seeds"))
    assert qss == (ROOT / "resources" / "style.qss").read_text(encoding="utf-8")
