"""The package as a user installs it (``pip install .``): the wheel is built from the checkout,
installed in a folder of its own and run from elsewhere, where the window must still find its
stylesheets, its icon, its desktop files and the sample folder.

Deselect with ``-m "not wheel"`` (it takes about 10 s).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from viewer.ui import themes

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.wheel

#: pip, offline: nothing is fetched (the build uses the test venv's setuptools).
PIP = (sys.executable, "-m", "pip", "--quiet", "--no-input", "--disable-pip-version-check")

#: Run by the installed package: what the window finds, through the window's own functions.
CHECK = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import viewer
from viewer.ui import themes
from viewer.ui.resources import read_resource, resource_path, sample_folder
from viewer.ui.shell.main_window import ICON, app_icon
from viewer.core.readers import read_paths
from viewer.core.model import Article
colors = themes.apply_theme(app, "light")
seeds = sample_folder()
print(json.dumps({
    "viewer": viewer.__file__,
    "stylesheet": app.styleSheet(),
    "reader_css": themes.reader_css(colors),
    "qss": read_resource("style.qss"),
    "icon": not app_icon().pixmap(64, 64).toImage().isNull(),
    "icon_path": str(resource_path(ICON)),
    "desktop": [str(resource_path(n)) for n in (
        "article-viewer.desktop", "io.github.articleviewer.ArticleViewer.metainfo.xml")],
    "seeds": str(seeds),
    "seed_articles": sum(isinstance(item, Article) for item in read_paths([seeds])),
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the checkout's sources (a build in the checkout would
    leave a ``build/`` folder whose stale files later builds pick up)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("viewer", "resources", "seeds"):
        shutil.copytree(ROOT / name, source / name, ignore=junk)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    done = subprocess.run(
        [
            *PIP,
            "wheel",
            "--no-index",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(work / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [built] = (work / "dist").glob("article_viewer-*.whl")
    return built


def test_the_wheel_holds_every_module_the_data_and_no_benchmarks(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "viewer").rglob("*.py")}
    missing = sorted(m for m in modules if m not in names)
    assert not missing, f"not in the wheel (add their packages to pyproject.toml): {missing}"
    assert "viewer/py.typed" in names
    learned = sorted(p.name for p in (ROOT / "viewer" / "core" / "quotes" / "models").iterdir())
    assert {"reported.crfsuite", "speakers.json"} <= set(learned)
    assert all(f"viewer/core/quotes/models/{name}" in names for name in learned)
    for name in ("style.qss", "reader.css", "article-viewer.svg", "article-viewer.desktop"):
        assert f"viewer/resources/{name}" in names
    seeds = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.suffix != ".py" and p.is_file())
    assert seeds and all(f"viewer/seeds/{name}" in names for name in seeds)
    assert not [n for n in names if n.endswith(".png")], "the README's screenshots are not for the wheel"
    assert not [n for n in names if "benchmarks" in n], "the benchmarks run from a checkout only"


def test_the_installed_window_finds_its_stylesheet_icon_and_samples_and_no_benchmarks(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    done = subprocess.run(
        [*PIP, "install", "--no-index", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The test venv's other packages (Qt, spaCy) stay; the checkout is not on the path, and the
    # installed copy comes first (before the venv's editable install of the checkout).
    env = dict(os.environ, PYTHONPATH=str(target), QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.splitlines()[-1])
    installed = target / "viewer"
    assert Path(found["viewer"]).parent == installed
    # The checkout's stylesheets, filled with the theme's colours as the window does.
    colors = themes.colors_for("light")
    qss, css = (
        (ROOT / "resources" / name).read_text(encoding="utf-8") for name in ("style.qss", "reader.css")
    )
    assert found["qss"] == qss and "QListView" in qss
    assert found["stylesheet"] == themes.fill_template(qss, colors)
    assert found["reader_css"] == themes.fill_template(css, colors) and "p.body" in css
    assert found["icon"]
    assert Path(found["icon_path"]).parent == installed / "resources"
    assert all(Path(p).parent == installed / "resources" for p in found["desktop"])
    assert Path(found["seeds"]) == installed / "seeds"
    assert found["seed_articles"] >= 8

    bench = subprocess.run(
        [sys.executable, "-m", "viewer", "bench", "quotes"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bench.returncode == 1
    assert "the benchmarks run from a checkout" in bench.stderr and "Traceback" not in bench.stderr
