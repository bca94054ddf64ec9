"""Edit > Citation Preferences: the format ``c`` copies in, and the user's citation template.

The template is checked as it is typed: a preview of the selected quote (or of a sample) when
it is valid, what is wrong and where when it is not; it can only be saved valid.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.cite import (
    DEFAULT_TEMPLATE,
    FORMAT_TITLES,
    FORMATS,
    TEMPLATE_FIELDS,
    TemplateError,
    cite_template,
    parse_template,
)
from viewer.core.model import Article, Quote, Span
from viewer.ui.focus import return_keyboard_on_hide
from viewer.ui.settings import Settings
from viewer.ui.text import one_line

_SAMPLE_TEXT = "“We checked every bolt twice,” said Mira Olsen, the harbour master."
_SAMPLE = (
    Quote(
        "We checked every bolt twice,",
        "Mira Olsen",
        "said",
        (Span(0, 1, 29),),
        role="the harbour master",
    ),
    Article(
        path="/news/ferry.txt",
        format="text",
        title="Ferry sails again",
        paragraphs=(_SAMPLE_TEXT,),
        date="2024-05-06",
        source="The Harbour Gazette",
        url="https://example.org/ferry",
    ),
)


class CitationPreferences(QDialog):
    """Window-modal, opened with ``open()`` (never a blocking ``exec``)."""

    def __init__(
        self, settings: Settings, example: tuple[Quote, Article] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("citationPreferences")
        self.setWindowTitle("Citation Preferences")
        return_keyboard_on_hide(self)
        self._settings = settings
        self._example = example or _SAMPLE

        self.format_box = QComboBox(self)
        self.format_box.setAccessibleName("Default citation format")
        for fmt in FORMATS:
            self.format_box.addItem(FORMAT_TITLES[fmt], fmt)
        self.format_box.setCurrentIndex(FORMATS.index(settings.citation_format()))
        self.template_edit = QLineEdit(settings.citation_template(), self)
        self.template_edit.setAccessibleName("Citation template")
        self.template_edit.setMinimumWidth(480)
        self.template_edit.setClearButtonEnabled(True)
        reset = QPushButton("&Default Template", self)
        reset.setAutoDefault(False)
        reset.clicked.connect(lambda: self.template_edit.setText(DEFAULT_TEMPLATE))
        fields = QLabel(
            "Fields: "
            + " ".join(f"{{{f}}}" for f in TEMPLATE_FIELDS)
            + " — write {{ or }} for a brace. For reported speech {quote} says so"
            " (“Reported: … (paraphrase, not the speaker's own words)”) and the quotation marks"
            " around it are left out: only a speaker's own words are ever put in quotation marks."
        )
        fields.setTextFormat(Qt.TextFormat.PlainText)
        fields.setWordWrap(True)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("templateFeedback")
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("Template check")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Copy with c as:", self.format_box)
        form.addRow("&Template:", self.template_edit)
        form.addRow("", reset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(fields)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)
        self.template_edit.textChanged.connect(self._check)
        self._check()

    def template_error(self) -> str | None:
        """What is wrong with the template typed, or ``None``."""
        try:
            parse_template(self.template_edit.text())
        except TemplateError as err:
            return str(err)
        return None

    def _check(self) -> None:
        error = self.template_error()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(error is None)
        if error is not None:
            self.feedback.setText(f"⚠ {error}")
            self.feedback.setProperty("invalid", True)
        else:
            quote, article = self._example
            preview = cite_template(quote, article, self.template_edit.text())
            self.feedback.setText(f"Preview: {one_line(preview, 600)}")
            self.feedback.setProperty("invalid", False)
        self.template_edit.setToolTip(error or "")

    def accept(self) -> None:
        if self.template_error() is not None:
            return
        self._settings.set_citation_template(self.template_edit.text())
        self._settings.set_citation_format(FORMATS[self.format_box.currentIndex()])
        super().accept()
