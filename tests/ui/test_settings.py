from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from viewer.ui.settings import MAX_RECENT, ZOOM_MAX, Settings


def test_settings_live_in_the_test_folder(isolated_settings: str) -> None:
    settings = Settings()
    settings.set_zoom(3)
    settings.sync()
    assert Path(settings.store.fileName()).is_relative_to(isolated_settings)
    assert Path(settings.store.fileName()).exists()


def test_round_trip_between_instances() -> None:
    first = Settings()
    first.set_zoom(2)
    first.set_theme("dark")
    first.set_last_folder("/tmp/news")
    first.add_recent_folder("/tmp/a")
    first.add_recent_folder("/tmp/b")
    first.add_recent_folder("/tmp/a")
    first.sync()
    second = Settings()
    assert second.zoom() == 2
    assert second.theme() == "dark"
    assert second.last_folder() == "/tmp/news"
    assert second.recent_folders() == ["/tmp/a", "/tmp/b"]


def test_defaults_and_bad_values() -> None:
    settings = Settings()
    assert settings.zoom() == 0
    assert settings.theme() == "system"
    assert settings.last_folder() is None
    assert settings.recent_folders() == []
    settings.store.setValue("reader/zoom", "not a number")
    settings.store.setValue("ui/theme", "purple")
    assert settings.zoom() == 0
    assert settings.theme() == "system"
    settings.set_zoom(1000)
    assert settings.zoom() == ZOOM_MAX


def test_recent_folders_are_capped() -> None:
    settings = Settings()
    for number in range(MAX_RECENT + 5):
        settings.add_recent_folder(f"/f/{number}")
    recent = settings.recent_folders()
    assert len(recent) == MAX_RECENT
    assert recent[0] == f"/f/{MAX_RECENT + 4}"
    settings.clear_recent_folders()
    assert settings.recent_folders() == []


def test_geometry_and_splitter_round_trip(qtbot: object) -> None:
    window = QMainWindow()
    qtbot.add_widget(window)  # type: ignore[attr-defined]
    splitter = QSplitter()
    for _ in range(3):
        splitter.addWidget(QWidget())
    window.setCentralWidget(splitter)
    window.resize(700, 450)
    window.show()
    splitter.setSizes([100, 400, 200])
    sizes = splitter.sizes()
    settings = Settings()
    settings.save_geometry(window, "main")
    settings.save_splitter(splitter, "main")
    settings.sync()

    again = QMainWindow()
    qtbot.add_widget(again)  # type: ignore[attr-defined]
    other = QSplitter()
    for _ in range(3):
        other.addWidget(QWidget())
    again.setCentralWidget(other)
    again.resize(400, 300)
    again.show()
    assert Settings().restore_geometry(again, "main")
    assert Settings().restore_splitter(other, "main")
    assert again.size() == window.size()
    assert other.sizes() == sizes
