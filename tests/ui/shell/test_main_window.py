from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import FERRY_PARAGRAPHS, ferry_article, plain_article
from viewer.core.model import AnalysedArticle, Article
from viewer.ui.background.workers import Progress
from viewer.ui.shell.main_window import MainWindow, window_title

MakeWindow = Callable[..., MainWindow]


def _with_articles(make_window: MakeWindow, qtbot: object, articles: list[Article]) -> MainWindow:
    window = make_window()
    window.list_pane.model.append_items(articles)
    window.list_pane.ensure_selection()
    window.list_pane.view.setFocus()
    return window


def _wait_analysed(window: MainWindow, qtbot: object) -> None:
    def done() -> None:
        analysis = window.insights.analysis()
        assert analysis is not None
        assert analysis.article is window.current_item()
        assert not window.insights.status.isVisible() or "Finding" not in window.insights.status.text()

    qtbot.wait_until(done)  # type: ignore[attr-defined]


def test_window_title_follows_article(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [ferry_article(), plain_article(1)])
    assert window.windowTitle() == "Ferry sails again — Article Viewer"
    window.list_pane.select_next()
    assert window.windowTitle() == "Article number 1 — Article Viewer"
    assert window_title(None) == "Article Viewer"
    assert (
        window_title(replace(plain_article(1), title="Odd [*] title")) == "Odd [*][*] title — Article Viewer"
    )


@pytest.mark.parametrize(
    ("forward", "back"), [(Qt.Key.Key_J, Qt.Key.Key_K), (Qt.Key.Key_Down, Qt.Key.Key_Up)]
)
def test_keys_move_between_articles_from_list_and_reader(
    make_window: MakeWindow, qtbot: object, forward: Qt.Key, back: Qt.Key
) -> None:
    articles = [plain_article(n) for n in range(3)]
    window = _with_articles(make_window, qtbot, articles)
    qtbot.keyClick(window.list_pane.view, forward)  # type: ignore[attr-defined]
    assert window.current_item() == articles[1]
    window.reader_pane.view.setFocus()
    qtbot.keyClick(window.reader_pane.view, forward)  # type: ignore[attr-defined]
    assert window.current_item() == articles[2]
    qtbot.keyClick(window.reader_pane.view, back)  # type: ignore[attr-defined]
    assert window.current_item() == articles[1]


def test_single_keys_type_into_the_filter_instead_of_moving(make_window: MakeWindow, qtbot: object) -> None:
    articles = [plain_article(n) for n in range(3)]
    window = _with_articles(make_window, qtbot, articles)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Slash)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is window.list_pane.filter_edit
    qtbot.keyClicks(window.list_pane.filter_edit, "jk q 2")  # type: ignore[attr-defined]
    assert window.list_pane.filter_edit.text() == "jk q 2"
    assert window.current_item() == articles[0] or window.list_pane.model.rowCount() == 0
    window.list_pane.filter_edit.clear()
    qtbot.keyClicks(window.list_pane.filter_edit, "number 2")  # type: ignore[attr-defined]
    assert window.list_pane.model.rowCount() == 1
    qtbot.keyClick(window.list_pane.filter_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.current_item() == articles[2]
    assert QApplication.focusWidget() is window.list_pane.view
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Slash)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.filter_edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert window.list_pane.filter_edit.text() == ""
    assert window.list_pane.model.rowCount() == 3
    assert window.current_item() == articles[2]  # the same article stays selected
    assert QApplication.focusWidget() is window.list_pane.view


def test_ctrl_l_focuses_filter_and_alt_keys_focus_panes(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [plain_article(1)])
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is window.list_pane.filter_edit
    qtbot.keyClick(window.list_pane.filter_edit, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is window.reader_pane.view
    qtbot.keyClick(window.reader_pane.view, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is window.insights.quote_view
    qtbot.keyClick(window.insights.quote_view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is window.list_pane.view


def test_quote_stepping_highlights_the_quote(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [ferry_article()])
    _wait_analysed(window, qtbot)
    assert window.insights.quote_count() == 1
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    quote = window.insights.current_quote()
    assert quote is not None and quote.speaker == "Mira Olsen"
    layer = window.reader_pane.view.layer("quote")
    assert len(layer) == 2
    document_text = window.reader_pane.view.toPlainText()
    # Highlighted document ranges hold exactly the quoted words.
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(window.reader_pane.view.document())
    cursor.setPosition(layer[0][0])
    cursor.setPosition(layer[0][1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "We checked every bolt twice,"
    assert "We checked every bolt twice," in document_text
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert window.insights.current_quote_row() == 0  # one quote: wraps to itself


def test_mention_stepping_outlines_each_mention(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [ferry_article()])
    _wait_analysed(window, qtbot)
    view = window.list_pane.view
    qtbot.keyClick(view, Qt.Key.Key_E)  # type: ignore[attr-defined]
    entity = window.insights.current_entity()
    assert entity is not None and entity.name == "Mira Olsen"  # People come first
    assert window.mention_position() == (0, 2)
    assert len(window.reader_pane.view.layer("mention")) == 2
    first = window.reader_pane.view.layer("mention-current")
    qtbot.keyClick(view, Qt.Key.Key_E)  # type: ignore[attr-defined]
    assert window.mention_position() == (1, 2)
    assert window.reader_pane.view.layer("mention-current") != first
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert window.mention_position() == (0, 2)
    assert window.reader_pane.view.layer("mention-current") == first


def test_dates_and_numbers_hidden_unless_asked(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [ferry_article()])
    _wait_analysed(window, qtbot)
    tree = window.insights.entity_view
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert groups == ["People (1)", "Organisations (1)"]
    window.actions_by_id["toggle-dates"].trigger()
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert groups[-1] == "Dates and numbers (1)"


def test_c_copies_quote_as_plain_text_and_html(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [ferry_article()])
    _wait_analysed(window, qtbot)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C)  # type: ignore[attr-defined]
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == (
        "“We checked every bolt twice, … Nobody cut corners.” — Mira Olsen, the harbour master, "
        "“Ferry sails again”, The Test Gazette, 6 May 2024, https://example.org/ferry"
    )
    assert "“We checked every bolt twice, … Nobody cut corners.”" in mime.html()
    assert mime.html().startswith('<blockquote cite="https://example.org/ferry">')
    assert "<strong>Mira Olsen</strong>" in mime.html()
    assert "<cite>Ferry sails again</cite>" in mime.html()
    window.actions_by_id["copy-quote-markdown"].trigger()
    markdown = QGuiApplication.clipboard().text()
    assert markdown.startswith("> “We checked every bolt twice, … Nobody cut corners.”")
    assert "**Mira Olsen**" in markdown


def test_c_without_quotes_says_so(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [plain_article(1)])
    _wait_analysed(window, qtbot)
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C)  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == "before"
    assert window.status_text() == "No quotes found in this article"
    window.show_status("")
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert window.status_text() == "No quotes found in this article"


def test_ctrl_f_finds_and_f3_steps(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [ferry_article()])
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    bar = window.reader_pane.find_bar
    assert bar.isVisible()
    assert QApplication.focusWidget() is bar.edit
    qtbot.keyClicks(bar.edit, "olsen")  # type: ignore[attr-defined]
    assert len(bar.hits()) == 2
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert bar.current() == 1
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)  # type: ignore[attr-defined]
    assert bar.current() == 0
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not bar.isVisible()
    assert window.reader_pane.view.layer("find") == []


def test_space_pages_and_moves_on_at_the_end(make_window: MakeWindow, qtbot: object) -> None:
    long_body = tuple(f"Paragraph {n} " + "filler words " * 40 for n in range(40))
    articles = [replace(plain_article(1), paragraphs=long_body), plain_article(2)]
    window = _with_articles(make_window, qtbot, articles)
    bar = window.reader_pane.view.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert bar.value() > 0
    bar.setValue(bar.maximum())
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert window.current_item() == articles[1]


def test_zoom_keys_change_and_remember_zoom(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [plain_article(1)])
    size = window.reader_pane.view.document().defaultFont().pointSizeF()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.reader_pane.view.document().defaultFont().pointSizeF() > size
    assert window.settings.zoom() == 1
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.settings.zoom() == 0


def _write_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "a_first.txt").write_text(
        "Village fair returns\n\nThe fair opened on Saturday with forty stalls.\n\n"
        "Organisers said the weather held all day.\n",
        encoding="utf-8",
    )
    (folder / "b_broken.json").write_text("{ this is not json", encoding="utf-8")
    (folder / "c_second.txt").write_text(
        "Library extends hours\n\nThe library will open until nine on weekdays.\n", encoding="utf-8"
    )


def test_opening_a_folder_lists_articles_and_error_rows(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    _write_folder(folder)
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    model = window.list_pane.model
    assert model.rowCount() == 3
    assert model.failure_count() == 1
    assert window.status.count_label.text() == "2 articles · 1 unreadable"
    assert "1 could not be read" in window.status_text()
    assert window.windowTitle() == "Village fair returns — Article Viewer"
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)  # type: ignore[attr-defined]
    assert window.windowTitle() == "b_broken.json (unreadable) — Article Viewer"
    assert window.status_text().startswith("Could not read b_broken.json:")
    assert "could not be read" in window.reader_pane.view.toPlainText()
    assert window.settings.last_folder() == str(folder)
    assert window.settings.recent_folders() == [str(folder)]


def test_dropping_a_folder_opens_it(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> None:
    folder = tmp_path / "dropped"
    _write_folder(folder)
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 3, timeout=10_000)  # type: ignore[attr-defined]
    assert window.opened_paths() == [str(folder)]


def test_stale_analysis_is_ignored(make_window: MakeWindow, qtbot: object) -> None:
    import threading

    release = threading.Event()

    def slow_for_first(article: Article, progress: Progress) -> AnalysedArticle:
        if article.title == "Article number 0":
            release.wait(5)
        return AnalysedArticle(article, notes=(f"analysed {article.title}",))

    window = make_window(analyse_fn=slow_for_first)
    articles = [plain_article(0), plain_article(1)]
    window.list_pane.model.append_items(articles)
    window.list_pane.ensure_selection()
    window.list_pane.select_next()
    release.set()
    qtbot.wait_until(lambda: not window.is_analysing(), timeout=10_000)  # type: ignore[attr-defined]
    analysis = window.insights.analysis()
    assert analysis is not None
    assert analysis.article == articles[1]
    assert analysis.notes == ("analysed Article number 1",)


def test_hostile_title_is_plain_everywhere(make_window: MakeWindow, qtbot: object) -> None:
    hostile = '<img src="file:///dev/zero"><table><tr><td>'
    window = _with_articles(make_window, qtbot, [replace(ferry_article(), title=hostile, source=hostile)])
    assert window.windowTitle() == f"{hostile} — Article Viewer"
    assert window.reader_pane.view.toPlainText().startswith(hostile)
    _wait_analysed(window, qtbot)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C)  # type: ignore[attr-defined]
    html = QGuiApplication.clipboard().mimeData().html()
    assert "<img" not in html
    assert "&lt;img" in html


def test_shortcut_sheet_lists_registry(make_window: MakeWindow, qtbot: object) -> None:
    from viewer.ui.shell.shortcut_sheet import ShortcutSheet

    window = make_window()
    sheet = ShortcutSheet(window.shortcut_rows(), window)
    qtbot.add_widget(sheet)  # type: ignore[attr-defined]
    titles = [sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())]  # type: ignore[union-attr]
    assert "Next Article" in titles
    assert "Copy Quote with Attribution" in titles


def test_every_label_is_plain_text_and_every_pane_has_a_name(make_window: MakeWindow, qtbot: object) -> None:
    from PySide6.QtWidgets import QLabel

    window = _with_articles(make_window, qtbot, [ferry_article()])
    _wait_analysed(window, qtbot)
    labels = window.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    panes = (
        window.list_pane,
        window.list_pane.view,
        window.list_pane.filter_edit,
        window.reader_pane.view,
        window.insights,
        window.insights.quote_view,
        window.insights.entity_view,
    )
    assert all(pane.accessibleName() for pane in panes)


def test_dark_theme_recolours_widgets_and_reader(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [ferry_article()])
    window.actions_by_id["theme-dark"].trigger()
    assert window.settings.theme() == "dark"
    base = QApplication.palette().color(QApplication.palette().ColorRole.Base)
    assert base.lightness() < 60
    assert (
        "#17181a" not in window.reader_pane.view.document().defaultStyleSheet()
    )  # page colour comes from palette
    assert "#e6e4df" in window.reader_pane.view.document().defaultStyleSheet()  # dark text colour
    window.actions_by_id["theme-light"].trigger()
    assert QApplication.palette().color(QApplication.palette().ColorRole.Base).lightness() > 200


def test_recent_folders_menu_lists_opened_folders(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = make_window()
    folder = tmp_path / "first & second"
    folder.mkdir()
    window.settings.add_recent_folder(str(tmp_path / "gone since"))
    window.settings.add_recent_folder(str(folder))
    window.recent_menu.aboutToShow.emit()
    titles = [a.text() for a in window.recent_menu.actions() if not a.isSeparator()]
    assert titles == [str(folder).replace("&", "&&"), "Clear Recent Folders"]  # only folders that exist


def test_hostile_files_open_without_harm(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    title = '<img src="file:///dev/zero">'
    (folder / "a.txt").write_text(
        f"{title}\n\n" + "<table><tr><td>" * 10_000 + "\n\n" + "w" * 400_000 + "\n", encoding="utf-8"
    )
    (folder / "b.html").write_text(
        f'<html><head><title>{title}</title></head><body><h1>{title}</h1><p><img src="file:///dev/zero">'
        '<a href="file:///etc/passwd">local</a> Words of a story that goes on.</p></body></html>',
        encoding="utf-8",
    )
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=30_000):  # type: ignore[attr-defined]
        pass
    assert window.list_pane.model.rowCount() == 2
    titles, texts = [], []
    for _row in range(2):
        titles.append(window.windowTitle())
        texts.append(window.reader_pane.view.toPlainText())
        window.list_pane.select_next()
    # The title is shown literally, as text, in the window title and the reader.
    assert titles[0] == f"{title} — Article Viewer"
    assert texts[0].startswith(title)
    assert "<table><tr><td>" * 50 in texts[0]
    # Nothing named by the page was read: no local file's content reached the reader.
    assert all("root:" not in text for text in texts)
    # The page is read or refused with a message; either way the window carries on.
    assert "Words of a story" in texts[1] or "could not be read" in texts[1]


def test_f1_shows_one_shortcut_sheet_beside_the_window(make_window: MakeWindow, qtbot: object) -> None:
    from viewer.ui.shell.shortcut_sheet import ShortcutSheet

    window = _with_articles(make_window, qtbot, [plain_article(1)])
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F1)  # type: ignore[attr-defined]
    sheets = window.findChildren(ShortcutSheet)
    assert len(sheets) == 1
    assert sheets[0].isVisible()
    assert not sheets[0].isModal()
    window.actions_by_id["shortcuts"].trigger()
    assert len(window.findChildren(ShortcutSheet)) == 1
    qtbot.wait_until(lambda: QApplication.activeWindow() is sheets[0])  # type: ignore[attr-defined]
    qtbot.keyClick(sheets[0].table, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    # Closing the sheet hands the keyboard back to the window, so j works at once.
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
    assert not sheets[0].isVisible()


def test_search_box_finds_words_in_article_bodies(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour news\n\nThe ferry sailed.", encoding="utf-8")
    (folder / "b.txt").write_text("Town news\n\nA zeppelin landed in the square.", encoding="utf-8")
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    qtbot.keyClicks(window.list_pane.filter_edit, "zeppel")  # type: ignore[attr-defined]
    assert [a.title for a in window.list_pane.model.visible_items()] == ["Town news"]
    assert window.windowTitle() == "Town news — Article Viewer"
    assert window.status.count_label.text() == "1 of 2 articles"


def _ferry_text(title: str) -> str:
    return title + "\n\n" + "\n\n".join(FERRY_PARAGRAPHS) + "\n"


ZEPPELIN = "Town news\n\nA zeppelin landed in the square.\n"


def _open_folder(window: MainWindow, qtbot: object, folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` into ``folder`` (made if needed) and open it, waiting for the reading."""
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass


def test_speaker_and_entity_keys_search_the_whole_folder(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = make_window()
    files = {
        "a.txt": _ferry_text("Ferry sails again"),
        "b.txt": ZEPPELIN,
        "c.txt": _ferry_text("Ferry sails, again"),
    }
    _open_folder(window, qtbot, tmp_path / "news", files)
    # The whole folder is analysed in the background, and kept in the store.
    qtbot.wait_until(lambda: window.list_pane.model.store().analysed_count() == (3, 3), timeout=10_000)  # type: ignore[attr-defined,union-attr]
    qtbot.wait_until(lambda: window.insights.quote_count() == 1)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_S)  # type: ignore[attr-defined]
    assert window.list_pane.filter_edit.text() == 'speaker:"Mira Olsen"'
    assert [a.title for a in window.list_pane.model.visible_items()] == [
        "Ferry sails again",
        "Ferry sails, again",
    ]
    assert window.status.count_label.text() == "2 of 3 articles"
    assert QApplication.focusWidget() is window.list_pane.view
    window.list_pane.filter_edit.clear()
    window.list_pane.select_row(0)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_N)  # type: ignore[attr-defined]
    assert window.list_pane.filter_edit.text() == 'entity:"Mira Olsen"'
    assert window.list_pane.model.rowCount() == 2


def test_reopening_a_folder_shows_its_stored_rows_and_reads_only_what_changed(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    window = make_window()
    _open_folder(window, qtbot, folder, {"a.txt": _ferry_text("Ferry sails again"), "b.txt": ZEPPELIN})
    store = window.store_path()
    assert store is not None and store.startswith(os.environ["ARTICLE_VIEWER_CACHE"])
    (folder / "c.txt").write_text("Late news\n\nIt came in after the first look.\n", encoding="utf-8")
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    assert window.store_path() == store
    assert window.list_pane.model.rowCount() == 3
    assert "1 files read, 2 unchanged" in window.status_text()


def test_a_file_added_to_the_open_folder_appears_without_reopening(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    window = make_window()
    _open_folder(window, qtbot, folder, {"a.txt": ZEPPELIN})
    qtbot.wait_until(lambda: bool(window.folder.watcher.watched()))  # type: ignore[attr-defined]
    (folder / "b.txt").write_text("More news\n\nA second airship followed.\n", encoding="utf-8")
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 2, timeout=10_000)  # type: ignore[attr-defined]
    (folder / "a.txt").unlink()
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 1, timeout=10_000)  # type: ignore[attr-defined]
    assert window.list_pane.model.visible_items()[0].title == "More news"


def test_a_search_that_matches_nothing_says_so_in_the_reader(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, qtbot, [plain_article(n) for n in range(3)])
    qtbot.keyClicks(window.list_pane.filter_edit, "zeppelin")  # type: ignore[attr-defined]
    assert window.list_pane.model.rowCount() == 0
    text = window.reader_pane.view.toPlainText()
    assert "No article matches “zeppelin”" in text
    assert "Esc" in text
    assert window.status.count_label.text() == "0 of 3 articles"
