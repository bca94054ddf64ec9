"""The one action registry: id -> title, menu, shortcuts, command. It builds every QAction,
the menus and the shortcut sheet, so a shortcut is declared exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from viewer.ui.shell import commands, correction_commands

if TYPE_CHECKING:
    from viewer.ui.shell.window_api import Window

Keys = str | QKeySequence.StandardKey
#: The Article menu's submenu of citation formats; Shift+C pops the same menu up.
COPY_AS_MENU = commands.COPY_AS_MENU
MENUS = ("File", "Edit", "Go", "Article", "View", "Help")


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    title: str
    menu: str
    shortcuts: tuple[Keys, ...]
    command: Callable[[Window], object]
    #: Single-key shortcuts (j, q, Space...) never fire while the user types in a field.
    single_key: bool = False
    separator_before: bool = False
    #: Works in every window of the program (the shortcut sheet too), not just the main one.
    app_wide: bool = False
    #: A menu item with a check mark (the window keeps the mark true: see ``sync_checks``).
    checkable: bool = False
    #: Checkable items of one group exclude each other (the sort, the theme).
    group: str | None = None
    #: Shown in a submenu of ``menu`` with this title (created on first use).
    submenu: str | None = None


def _spec(
    id: str,
    title: str,
    menu: str,
    shortcuts: Sequence[Keys],
    command: Callable[[Window], object],
    *,
    separator_before: bool = False,
    app_wide: bool = False,
    checkable: bool = False,
    group: str | None = None,
    submenu: str | None = None,
) -> ActionSpec:
    single = any(isinstance(k, str) and _is_single_key(k) for k in shortcuts)
    return ActionSpec(
        id,
        title,
        menu,
        tuple(shortcuts),
        command,
        single,
        separator_before,
        app_wide,
        checkable or group is not None,
        group,
        submenu,
    )


def _is_single_key(keys: str) -> bool:
    sequence = QKeySequence(keys)
    if sequence.count() != 1:
        return False
    combo = sequence[0]  # type: ignore[index]  # QKeySequence supports indexing at run time
    modifiers = combo.keyboardModifiers() & ~Qt.KeyboardModifier.ShiftModifier
    return modifiers == Qt.KeyboardModifier.NoModifier and combo.key() not in (
        Qt.Key.Key_F1,
        Qt.Key.Key_F3,
        Qt.Key.Key_F5,
        Qt.Key.Key_Escape,
    )


SPECS: tuple[ActionSpec, ...] = (
    _spec("open", "&Open Folder…", "File", ["Ctrl+O"], commands.open_folder),
    _spec("open-files", "Open &Files…", "File", ["Ctrl+Shift+O"], commands.open_files),
    _spec("reload", "&Reload", "File", ["F5"], commands.reload),
    _spec("export", "&Export Quotes or Entities…", "File", [], commands.export, separator_before=True),
    _spec(
        "reopen-last",
        "Reopen Last Folder on &Start",
        "File",
        [],
        commands.toggle_reopen_last,
        separator_before=True,
        checkable=True,
    ),
    _spec("quit", "&Quit", "File", ["Ctrl+Q"], commands.quit_app, separator_before=True, app_wide=True),
    _spec(
        "undo-correction",
        "&Undo Correction",
        "Edit",
        [QKeySequence.StandardKey.Undo],
        correction_commands.undo_correction,
    ),
    _spec(
        "redo-correction",
        "&Redo Correction",
        "Edit",
        ["Ctrl+Shift+Z", "Ctrl+Y"],
        correction_commands.redo_correction,
    ),
    _spec("corrections", "C&orrections…", "Edit", [], correction_commands.show_corrections),
    _spec(
        "copy",
        "&Copy Selection",
        "Edit",
        [QKeySequence.StandardKey.Copy],
        commands.copy_selection,
        separator_before=True,
    ),
    _spec("find", "&Find in Article…", "Edit", ["Ctrl+F"], commands.find, separator_before=True),
    _spec("find-next", "Find &Next", "Edit", ["F3"], commands.find_next),
    _spec("find-previous", "Find &Previous", "Edit", ["Shift+F3"], commands.find_previous),
    _spec(
        "filter", "Filter &Articles", "Edit", ["Ctrl+L", "/"], commands.focus_filter, separator_before=True
    ),
    _spec(
        "citation-preferences",
        "Ci&tation Preferences…",
        "Edit",
        [],
        commands.citation_preferences,
        separator_before=True,
    ),
    _spec("next-article", "&Next Article", "Go", ["J", "Down"], commands.next_article),
    _spec("previous-article", "&Previous Article", "Go", ["K", "Up"], commands.previous_article),
    _spec("page-down", "Page &Down (next article at the end)", "Go", ["Space"], commands.page_down),
    _spec("page-up", "Page &Up", "Go", ["Shift+Space"], commands.page_up),
    _spec("next-quote", "Next &Quote", "Go", ["Q"], commands.next_quote, separator_before=True),
    _spec("previous-quote", "Previous Quo&te", "Go", ["Shift+Q"], commands.previous_quote),
    _spec("next-mention", "Next &Mention of Entity", "Go", ["E"], commands.next_mention),
    _spec("previous-mention", "Previous M&ention of Entity", "Go", ["Shift+E"], commands.previous_mention),
    _spec("focus-list", "Focus Article &List", "Go", ["Alt+1"], commands.focus_list, separator_before=True),
    _spec("focus-reader", "Focus &Reader", "Go", ["Alt+2"], commands.focus_reader),
    _spec("focus-panel", "Focus Quotes &and Entities", "Go", ["Alt+3"], commands.focus_panel),
    _spec("copy-quote", "&Copy Quote with Attribution", "Article", ["C"], commands.copy_quote),
    _spec("copy-quote-as", "Copy Quote &As…", "Article", ["Shift+C"], commands.copy_quote_as),
    *(
        _spec(f"copy-quote-{fmt}", title, "Article", [], command, submenu=COPY_AS_MENU)
        for fmt, title, command in (
            ("plain", "&Plain Text", commands.copy_quote_plain),
            ("markdown", "&Markdown", commands.copy_quote_markdown),
            ("html", "&HTML", commands.copy_quote_html),
            ("csl-json", "&CSL-JSON (Zotero, pandoc)", commands.copy_quote_csl_json),
            ("template", "&Template (Citation Preferences)", commands.copy_quote_template),
        )
    ),
    _spec(
        "articles-naming-entity",
        "Articles &Naming This Entity",
        "Article",
        ["N"],
        commands.articles_naming_entity,
        separator_before=True,
    ),
    _spec(
        "quotes-by-speaker", "Articles Quoting This &Speaker", "Article", ["S"], commands.quotes_by_speaker
    ),
    _spec("speaker-page", "Speaker &Page", "Article", ["P"], commands.speaker_page),
    _spec("other-versions", "Other &Versions of This Quote", "Article", ["A"], commands.other_versions),
    _spec(
        "rename-entity",
        "&Rename Entity…",
        "Article",
        ["F2"],
        correction_commands.rename_entity,
        separator_before=True,
    ),
    _spec("merge-entity", "Mer&ge Entity With…", "Article", ["M"], correction_commands.merge_entity),
    _spec("split-entity", "Sp&lit Entity…", "Article", ["Shift+M"], correction_commands.split_entity),
    _spec("not-entity", "Not an En&tity", "Article", ["Delete"], correction_commands.not_entity),
    _spec("retype-entity", "Change Entity T&ype…", "Article", ["T"], correction_commands.retype_entity),
    _spec("fix-speaker", "&Fix Speaker of Quote…", "Article", ["Shift+F2"], correction_commands.fix_speaker),
    _spec(
        "direct-quotes-only",
        "List Direct Q&uotes Only",
        "Article",
        [],
        commands.toggle_direct_only,
        separator_before=True,
        checkable=True,
    ),
    _spec(
        "toggle-dates",
        "Show &Dates and Numbers",
        "Article",
        [],
        commands.toggle_dates,
        checkable=True,
    ),
    _spec(
        "toggle-list", "Show Article &List", "View", ["Ctrl+Shift+L"], commands.toggle_list, checkable=True
    ),
    _spec(
        "toggle-panel",
        "Show Quotes and &Entities",
        "View",
        ["Ctrl+Shift+E"],
        commands.toggle_panel,
        checkable=True,
    ),
    _spec(
        "sort-title",
        "Sort by &Title",
        "View",
        [],
        commands.sort_by_title,
        separator_before=True,
        group="sort",
    ),
    _spec("sort-date", "Sort by &Date", "View", [], commands.sort_by_date, group="sort"),
    _spec("sort-file", "Sort by &File", "View", [], commands.sort_by_file, group="sort"),
    _spec("zoom-in", "Zoom &In", "View", ["Ctrl+=", "Ctrl++"], commands.zoom_in, separator_before=True),
    _spec("zoom-out", "Zoom &Out", "View", ["Ctrl+-"], commands.zoom_out),
    _spec("zoom-reset", "&Actual Size", "View", ["Ctrl+0"], commands.zoom_reset),
    _spec(
        "theme-system",
        "Theme: Follow &System",
        "View",
        [],
        commands.theme_system,
        separator_before=True,
        group="theme",
    ),
    _spec("theme-light", "Theme: Lig&ht", "View", [], commands.theme_light, group="theme"),
    _spec("theme-dark", "Theme: Dar&k", "View", [], commands.theme_dark, group="theme"),
    _spec("shortcuts", "&Keyboard Shortcuts", "Help", ["F1", "?"], commands.show_shortcuts),
    _spec("about", "&About Article Viewer", "Help", [], commands.show_about),
)


def is_typing(widget: QWidget | None) -> bool:
    """True when keyboard focus is in a place where letters are text, not commands."""
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return True
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractItemView):
        return widget.state() == QAbstractItemView.State.EditingState
    return False


def key_text(keys: Keys) -> str:
    """Keys as the user types them: a letter alone is lower case ("j", "Shift+q"), since Qt's
    "J" reads as if Shift were needed; combinations with Ctrl or Alt keep Qt's spelling."""
    text = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    letter = bool(text) and text[-1].isalpha() and (len(text) == 1 or text[-2] == "+")
    if isinstance(keys, str) and _is_single_key(keys) and letter:
        return text[:-1] + text[-1].lower()
    return text


def build_actions(window: Window, specs: Sequence[ActionSpec] = SPECS) -> dict[str, QAction]:
    """One QAction per spec, added to the window so its shortcut works wherever focus is."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in specs:
        action = QAction(spec.title, window.widget())
        action.setObjectName(spec.id)
        action.setCheckable(spec.checkable)
        if spec.group is not None:
            if spec.group not in groups:
                groups[spec.group] = QActionGroup(window.widget())
                groups[spec.group].setExclusive(True)
            groups[spec.group].addAction(action)
        action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
        action.setShortcutContext(
            Qt.ShortcutContext.ApplicationShortcut if spec.app_wide else Qt.ShortcutContext.WindowShortcut
        )
        action.triggered.connect(_runner(window, spec))
        window.widget().addAction(action)
        actions[spec.id] = action
    return actions


def _runner(window: Window, spec: ActionSpec) -> Callable[[], None]:
    def run() -> None:
        if spec.single_key and is_typing(QApplication.focusWidget()):
            return
        spec.command(window)

    return run


def build_menus(
    menubar: QMenuBar, actions: dict[str, QAction], specs: Sequence[ActionSpec] = SPECS
) -> dict[str, QMenu]:
    """The menu bar's menus by name; a submenu is there too, as "Menu/Submenu title"."""
    menus: dict[str, QMenu] = {}
    for name in MENUS:
        menus[name] = menubar.addMenu(f"&{name}")
    for spec in specs:
        menu = menus[spec.menu]
        if spec.submenu is not None:
            key = f"{spec.menu}/{spec.submenu}"
            if key not in menus:
                if spec.separator_before and not menu.isEmpty():
                    menu.addSeparator()
                menus[key] = menu.addMenu(spec.submenu)
                menus[key].setObjectName(commands.submenu_name(spec.submenu))
            menus[key].addAction(actions[spec.id])
            continue
        if spec.separator_before and not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(actions[spec.id])
    return menus


def shortcut_rows(specs: Sequence[ActionSpec] = SPECS) -> list[tuple[str, str, str]]:
    """(menu, title, keys) for every action with a shortcut: the shortcut sheet's content."""
    rows = []
    for spec in specs:
        if spec.shortcuts:
            title = spec.title.replace("&", "").replace("…", "")
            rows.append((spec.menu, title, ", ".join(key_text(k) for k in spec.shortcuts)))
    return rows
