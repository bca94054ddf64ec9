"""Small command functions the actions call; each takes the window and does one thing.

They are typed against :class:`~viewer.ui.shell.window_api.Window`, a small protocol, not the
main window's class: this module never imports the window (no import cycle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from viewer.ui.settings import ZOOM_MAX, ZOOM_MIN, Theme

#: The title of the Article menu's submenu of citation formats (Shift+C pops it up too).
COPY_AS_MENU = "Copy Quote in F&ormat"


def submenu_name(title: str) -> str:
    """The object name of a submenu (a command finds its submenu by it: "Copy Quote &As" ->
    "submenu-copy-quote-as")."""
    words = "".join(c if c.isalnum() else " " for c in title.replace("&", "").lower()).split()
    return "submenu-" + "-".join(words)


if TYPE_CHECKING:
    from viewer.ui.shell.window_api import Window


# files -----------------------------------------------------------------------------------
def open_folder(window: Window) -> None:
    start = window.settings.last_folder() or ""
    folder = QFileDialog.getExistingDirectory(window.widget(), "Open a folder of articles", start)
    window.widget().activateWindow()
    if folder:
        window.open_paths([folder])


def open_files(window: Window) -> None:
    start = window.settings.last_folder() or ""
    files, _ = QFileDialog.getOpenFileNames(
        window.widget(),
        "Open articles",
        start,
        "Articles (*.txt *.html *.htm *.json *.jsonl *.warc *.warc.gz *.arc *.arc.gz);;All files (*)",
    )
    window.widget().activateWindow()
    if files:
        window.open_paths(files)


def reload(window: Window) -> None:
    """F5: read the folder again, back at the same article and scroll position."""
    window.reload()


def toggle_reopen_last(window: Window) -> None:
    window.settings.set_reopen_last(not window.settings.reopen_last())
    window.sync_checks()


def export(window: Window) -> None:
    """File > Export: quotes or entities of this article, the articles shown or the folder."""
    from viewer.ui.shell.export_menu import open_export_dialog

    open_export_dialog(window)


def quit_app(window: Window) -> None:
    window.widget().close()
    QApplication.quit()


# edit ------------------------------------------------------------------------------------
def copy_selection(window: Window) -> None:
    window.copy_selection()


def find(window: Window) -> None:
    window.reader_pane.find_bar.open_bar()


def find_next(window: Window) -> None:
    bar = window.reader_pane.find_bar
    if bar.isVisible():
        bar.next_hit()
    elif not window.step_search_hit(1):
        bar.open_bar()


def find_previous(window: Window) -> None:
    bar = window.reader_pane.find_bar
    if bar.isVisible():
        bar.previous_hit()
    elif not window.step_search_hit(-1):
        bar.open_bar()


def focus_filter(window: Window) -> None:
    window.list_pane.focus_filter()


def citation_preferences(window: Window) -> None:
    from viewer.ui.shell.preferences import CitationPreferences

    dialog = window.widget().findChild(CitationPreferences)
    if dialog is None:
        dialog = CitationPreferences(window.settings, window.quote_to_copy(quiet=True), window.widget())
        dialog.accepted.connect(lambda: window.show_status("Citation preferences saved"))
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()


# go --------------------------------------------------------------------------------------
def next_article(window: Window) -> None:
    window.list_pane.select_next()


def previous_article(window: Window) -> None:
    window.list_pane.select_previous()


def page_down(window: Window) -> None:
    reader = window.reader_pane.view
    if reader.at_end():
        window.list_pane.select_next()
    else:
        reader.page(forward=True)


def page_up(window: Window) -> None:
    window.reader_pane.view.page(forward=False)


def _step_quote(window: Window, direction: int) -> None:
    if window.insights.step_quote(direction) is None:
        window.show_article_status("No quotes found in this article")


def next_quote(window: Window) -> None:
    _step_quote(window, 1)


def previous_quote(window: Window) -> None:
    _step_quote(window, -1)


def next_mention(window: Window) -> None:
    window.step_mention(1)


def previous_mention(window: Window) -> None:
    window.step_mention(-1)


def focus_list(window: Window) -> None:
    window.list_pane.ensure_selection()
    window.list_pane.view.setFocus()


def focus_reader(window: Window) -> None:
    window.reader_pane.view.setFocus()


def focus_panel(window: Window) -> None:
    window.insights.ensure_quote_selected()
    window.insights.quote_view.setFocus()


# article ---------------------------------------------------------------------------------
def copy_quote(window: Window) -> None:
    """c: the selected quote in the user's default citation format (plain text at first)."""
    window.copy_quote()


def copy_quote_as(window: Window) -> None:
    """Shift+C: the citation formats as a menu beside the selected quote."""
    menu = window.widget().findChild(QMenu, submenu_name(COPY_AS_MENU))
    if menu is None or window.quote_to_copy() is None:
        return
    view = window.insights.quote_view
    rect = view.visualRect(view.currentIndex())
    shown = rect.isValid() and view.isVisible() and view.viewport().rect().intersects(rect)
    # The format c copies in comes up chosen: Enter copies in it, the arrows choose another.
    default = next(
        (a for a in menu.actions() if a.objectName() == f"copy-quote-{window.settings.citation_format()}"),
        None,
    )
    menu.popup(view.viewport().mapToGlobal(rect.bottomLeft()) if shown else QCursor.pos())
    if default is not None:
        menu.setActiveAction(default)


def copy_quote_plain(window: Window) -> None:
    window.copy_quote("plain")


def copy_quote_markdown(window: Window) -> None:
    window.copy_quote("markdown")


def copy_quote_html(window: Window) -> None:
    window.copy_quote("html")


def copy_quote_csl_json(window: Window) -> None:
    window.copy_quote("csl-json")


def copy_quote_template(window: Window) -> None:
    window.copy_quote("template")


def articles_naming_entity(window: Window) -> None:
    window.search_across("entity")


def quotes_by_speaker(window: Window) -> None:
    window.search_across("speaker")


def speaker_page(window: Window) -> None:
    """Every quote by the selected entity, quote's speaker or searched speaker, across the folder."""
    from viewer.ui.shell.speakers import open_speaker_page

    open_speaker_page(window)


def other_versions(window: Window) -> None:
    window.focus_versions()


def toggle_direct_only(window: Window) -> None:
    """List direct quotes only, or every kind of statement again (the panel's filter)."""
    panel = window.insights
    panel.set_quote_filter("all" if panel.quote_filter() == "direct" else "direct")
    window.sync_checks()


def toggle_dates(window: Window) -> None:
    box = window.insights.show_dates
    box.setChecked(not box.isChecked())
    window.sync_checks()


# view ------------------------------------------------------------------------------------
def toggle_list(window: Window) -> None:
    window.set_pane_shown("list", not window.is_pane_shown("list"))


def toggle_panel(window: Window) -> None:
    window.set_pane_shown("panel", not window.is_pane_shown("panel"))


def sort_by_title(window: Window) -> None:
    window.list_pane.set_sort_key("title")
    window.sync_checks()


def sort_by_date(window: Window) -> None:
    window.list_pane.set_sort_key("date")
    window.sync_checks()


def sort_by_file(window: Window) -> None:
    window.list_pane.set_sort_key("file")
    window.sync_checks()


def _zoom_to(window: Window, steps: int) -> None:
    steps = max(ZOOM_MIN, min(ZOOM_MAX, steps))
    window.reader_pane.view.set_zoom(steps)
    window.settings.set_zoom(steps)
    window.show_status(f"Zoom {round(100 * 1.1**steps)}%")


def zoom_in(window: Window) -> None:
    _zoom_to(window, window.reader_pane.view.zoom() + 1)


def zoom_out(window: Window) -> None:
    _zoom_to(window, window.reader_pane.view.zoom() - 1)


def zoom_reset(window: Window) -> None:
    _zoom_to(window, 0)


def _theme(window: Window, theme: Theme) -> None:
    window.settings.set_theme(theme)
    window.apply_theme()
    window.sync_checks()


def theme_system(window: Window) -> None:
    _theme(window, "system")


def theme_light(window: Window) -> None:
    _theme(window, "light")


def theme_dark(window: Window) -> None:
    _theme(window, "dark")


# help ------------------------------------------------------------------------------------
def show_shortcuts(window: Window) -> None:
    from viewer.ui.shell.shortcut_sheet import ShortcutSheet

    # Not modal: the sheet can stay open beside the window while the user tries the keys.
    sheet = window.widget().findChild(ShortcutSheet)
    if sheet is None:
        sheet = ShortcutSheet(window.shortcut_rows(), window.widget())
    sheet.show()
    sheet.raise_()
    sheet.activateWindow()


def about_text() -> str:
    """Help > About: what the program is, its version, and the licences of what it ships with."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from viewer import __version__

    return (
        f"Article Viewer {__version__}\n\n"
        "Reads folders of scraped news: clean text, photo captions set apart, quotes with their "
        "speakers, and the people, organisations and places named.\n\n"
        "Built with:\n"
        f"• Qt {qVersion()} and PySide6 {pyside_version}: GNU LGPL version 3\n"
        "• spaCy: MIT licence\n"
        "• The English language model en_core_web_sm (Explosion): MIT licence\n"
        "• trafilatura: Apache License 2.0"
    )


def show_about(window: Window) -> None:
    box = QMessageBox(window.widget())
    box.setObjectName("aboutBox")
    box.setWindowTitle("About Article Viewer")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(about_text())
    box.setIconPixmap(window.widget().windowIcon().pixmap(64, 64))
    box.exec()
    window.widget().activateWindow()
