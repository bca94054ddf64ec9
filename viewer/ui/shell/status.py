"""The window's status bar: the last message, the reading's progress bar, the folder
analysis's progress and the article count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from viewer.core.corpus.analysis import AnalysisProgress
from viewer.ui.panes.article_list import ArticleListModel
from viewer.ui.text import number, one_line


def _label(parent: QMainWindow, name: str, description: str) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    label.setAccessibleDescription(description)
    return label


def count_text(model: ArticleListModel, reading: tuple[int, int, int] | None) -> str:
    """ "12 articles · 1 unreadable", "3 of 12 articles" when searched, and while a folder is
    read (``reading``: files read, files in all, articles written) how far it is."""
    total, shown, failed = model.total_count(), model.rowCount(), model.failure_count()
    if model.is_filtered():
        text = f"{number(shown)} of {number(total)} article{'s' if total != 1 else ''}"
    else:
        text = f"{number(total - failed)} article{'s' if total - failed != 1 else ''}"
        if failed:
            text += f" · {number(failed)} unreadable"
    if reading is not None:
        done, files, written = reading
        if files > 1:
            text += f" · Reading {number(done)} of {number(files)}"
        else:  # one big file (a JSON Lines corpus): how many of its articles so far
            text += f" · Reading: {number(written)} so far"
    return text


class StatusBar:
    """Fills the status bar of ``window``: a message (stretching), then the reading's progress
    bar, the folder analysis's progress and the count (kept at the right)."""

    def __init__(self, window: QMainWindow) -> None:
        bar = window.statusBar()
        self.message_label = _label(window, "Status", "The last thing the window did or found")
        self.count_label = _label(window, "Article count", "How many articles the list shows, of how many")
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(180)
        self.progress.setAccessibleName("Loading progress")
        self.progress.setAccessibleDescription("Files of the folder read so far")
        self.progress.hide()
        self.analysis_label = _label(
            window, "Folder analysis progress", "Articles of the folder analysed so far"
        )
        self.analysis_label.hide()
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.analysis_label)
        bar.addPermanentWidget(self.count_label)
        #: The message is about the current article (cleared when it changes).
        self._about_article = False

    # the message ---------------------------------------------------------------------------
    def show(self, message: str) -> None:
        self._about_article = False
        self.message_label.setText(one_line(message, 300))

    def show_about_article(self, message: str) -> None:
        """A message about the current article: :meth:`article_changed` clears it."""
        self.show(message)
        self._about_article = True

    def is_about_article(self) -> bool:
        return self._about_article

    def article_changed(self) -> None:
        if self._about_article:
            self.show("")  # it was about the article the user left

    def text(self) -> str:
        return self.message_label.text()

    # progress -------------------------------------------------------------------------------
    def show_reading(self, done: int, total: int) -> None:
        """Files read of all (0 of 0: reading has begun, how much there is is not known yet)."""
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.show()

    def hide_reading(self) -> None:
        self.progress.hide()

    def show_analysis(self, progress: AnalysisProgress) -> None:
        if progress.total and progress.done < progress.total:
            self.analysis_label.setText(f"Analysed {number(progress.done)} of {number(progress.total)}")
            self.analysis_label.show()
        else:
            self.analysis_label.hide()

    def hide_analysis(self) -> None:
        self.analysis_label.hide()

    def show_counts(self, model: ArticleListModel, reading: tuple[int, int, int] | None) -> None:
        self.count_label.setText(count_text(model, reading))
