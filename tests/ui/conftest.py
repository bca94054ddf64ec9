"""UI test fixtures: offscreen Qt, settings kept in tmp_path, hand-built articles."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from viewer.core.model import AnalysedArticle, Article, Entity, Figure, Mention, Quote, Span
from viewer.ui.background.workers import Progress


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot size or raise windows, or give a popup menu
    # the keyboard; that is not our code.
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(
                pytest.mark.qt_log_ignore(
                    "does not support propagateSizeHints",
                    "does not support raise",
                    "does not support grabbing the keyboard",
                )
            )


@pytest.fixture(autouse=True, scope="session")
def clipboard_released_at_exit() -> Iterator[None]:
    """Empty the clipboard when the tests end.

    With Qt's offscreen platform (seen with PySide6 6.11 and 6.12), a QMimeData left on the clipboard makes the
    process crash while it exits, after every test passed; the real platforms do not.
    """
    yield
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point every QSettings (user and system scope) at a fresh folder; never the user's own."""
    folder = str(tmp_path / "settings")  # type: ignore[operator]
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)
        QSettings.setPath(QSettings.Format.NativeFormat, scope, folder)
    monkeypatch.delenv("ARTICLE_VIEWER_THEME", raising=False)
    # Corpus stores too: never in the user's cache folder.
    monkeypatch.setenv("ARTICLE_VIEWER_CACHE", str(tmp_path / "cache"))  # type: ignore[operator]
    yield folder


FERRY_PARAGRAPHS = (
    "The island ferry sailed again on Monday after four days in port.",
    '"We checked every bolt twice," said Mira Olsen, the harbour master. "Nobody cut corners."',
    "Olsen said the next inspection is due in spring. Harbour Board members agreed.",
)


def ferry_article(path: str = "/articles/0-ferry.txt", title: str = "Ferry sails again") -> Article:
    return Article(
        path=path,
        format="text",
        title=title,
        paragraphs=FERRY_PARAGRAPHS,
        figures=(Figure("Passengers board at dawn.", "Jo Smith/Harbour Photos", 0),),
        standfirst="Repairs finished early.",
        byline="By Test Writer",
        date="2024-05-06",
        source="The Test Gazette",
        url="https://example.org/ferry",
    )


def plain_article(number: int, *, date: str | None = None, source: str | None = None) -> Article:
    return Article(
        path=f"/articles/{number:03d}.txt",
        format="text",
        title=f"Article number {number}",
        paragraphs=(f"Body of article {number}.", "A second paragraph with enough words to read."),
        date=date,
        source=source,
    )


def ferry_analysis(article: Article) -> AnalysedArticle:
    """Quotes and entities placed by hand at real offsets of :data:`FERRY_PARAGRAPHS`."""
    second = article.paragraphs[1]
    first_quote = "We checked every bolt twice,"
    start = second.index(first_quote)
    second_quote = "Nobody cut corners."
    start2 = second.index(second_quote)
    quotes = (
        Quote(
            first_quote + " " + second_quote,
            "Mira Olsen",
            "said",
            (Span(1, start, start + len(first_quote)), Span(1, start2, start2 + len(second_quote))),
            role="the harbour master",
        ),
    )
    name_at = second.index("Mira Olsen")
    olsen_at = article.paragraphs[2].index("Olsen")
    board_at = article.paragraphs[2].index("Harbour Board")
    entities = (
        Entity(
            "Mira Olsen",
            "PERSON",
            ("Mira Olsen", "Olsen"),
            (Mention("paragraph", 1, name_at, name_at + 10), Mention("paragraph", 2, olsen_at, olsen_at + 5)),
        ),
        Entity(
            "Harbour Board", "ORG", ("Harbour Board",), (Mention("paragraph", 2, board_at, board_at + 13),)
        ),
        Entity("Monday", "DATE", ("Monday",), (Mention("paragraph", 0, 43, 49),)),
    )
    return AnalysedArticle(article, quotes, entities)


def fake_analyse(article: Article, progress: Progress) -> AnalysedArticle:
    """Stands in for spaCy: ferry-like articles get hand-built results, others none."""
    if article.paragraphs == FERRY_PARAGRAPHS:
        return ferry_analysis(article)
    return AnalysedArticle(article)


@pytest.fixture
def make_window(qtbot: object) -> Callable[..., object]:
    """A shown window whose analysis controller (:mod:`viewer.ui.shell.analysis`) analyses
    with :func:`fake_analyse` unless given another ``analyse_fn``; ``analyse_fn=None`` gives
    it the real analysis (quotes on a worker thread, spaCy in the analysis process)."""
    from viewer.ui.shell.main_window import MainWindow

    def make(**kwargs: object) -> MainWindow:
        kwargs.setdefault("analyse_fn", fake_analyse)
        window = MainWindow(**kwargs)  # type: ignore[arg-type]
        qtbot.add_widget(window)  # type: ignore[attr-defined]
        with qtbot.wait_active(window):  # type: ignore[attr-defined]
            window.show()
            window.activateWindow()
        return window

    return make
