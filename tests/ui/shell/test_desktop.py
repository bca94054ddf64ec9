"""A desktop citizen (issue 11): entry point, icon, .desktop file, AppStream metainfo, About."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from viewer import __version__
from viewer.ui.resources import resource_path
from viewer.ui.shell.main_window import ICON, MainWindow

ROOT = Path(__file__).resolve().parents[3]
MakeWindow = Callable[..., MainWindow]


def test_the_entry_point_is_a_gui_script() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"] == {"article-viewer": "viewer.ui.shell.app:main"}
    assert "article-viewer" not in project.get("scripts", {})


def test_the_window_has_our_icon(make_window: MakeWindow, qtbot: object) -> None:
    window = make_window()
    assert not window.windowIcon().isNull()
    assert not window.windowIcon().pixmap(64, 64).toImage().isNull()
    svg = resource_path(ICON)
    assert svg is not None and ET.parse(svg).getroot().tag.endswith("svg")


def test_desktop_file_and_metainfo_agree() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(ROOT / "resources" / "article-viewer.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "article-viewer"
    assert entry["Icon"] == Path(ICON).stem
    assert entry["Name"] == "Article Viewer"
    [metainfo] = (ROOT / "resources").glob("*.metainfo.xml")
    root = ET.parse(metainfo).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == metainfo.name.removesuffix(".metainfo.xml")
    assert root.findtext("launchable") == "article-viewer.desktop"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("provides/binary") == "article-viewer"


def test_about_names_version_and_licences(make_window: MakeWindow, qtbot: object) -> None:
    window = make_window()
    seen: list[str] = []

    def read_and_close() -> None:
        box = window.findChild(QMessageBox, "aboutBox")
        if box is None or not box.isVisible():
            QTimer.singleShot(10, read_and_close)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.actions_by_id["about"].trigger()
    assert seen, "the About box did not show"
    text = seen[0]
    assert f"Article Viewer {__version__}" in text
    for part in ("LGPL version 3", "spaCy: MIT", "en_core_web_sm", "trafilatura: Apache License 2.0"):
        assert part in text
