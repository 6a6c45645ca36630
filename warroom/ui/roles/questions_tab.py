"""Open questions and hypotheses: marked from the timeline's selected entry, settled by another one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.roles_questions import Question, QuestionKind, QuestionState

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1


def question_text(q: Question) -> str:
    if q.open:
        return f"{q.kind.value.capitalize()}: {q.text}  (by {q.raised_by})"
    return f"{q.kind.value.capitalize()} {q.state.value}: {q.text}  ← {q.settled_text}"


class QuestionsTab(QWidget):
    mark_requested = Signal(object)  # QuestionKind, for the timeline's selected entry
    settle_requested = Signal(str, object)  # question's entry id, QuestionState (with the selected entry)
    show_settled_changed = Signal(bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("questionsTab")
        self.list = QListWidget(self)
        self.list.setObjectName("openQuestions")
        self.list.setAccessibleName("Open questions and hypotheses")
        self.list.setWordWrap(True)
        self.show_settled = QCheckBox("Show &settled ones too", self)
        self.show_settled.toggled.connect(self.show_settled_changed)
        self.ask_button = QPushButton("Mark &question", self)
        self.ask_button.setToolTip("The entry selected in the timeline is an open question")
        self.guess_button = QPushButton("Mark &hypothesis", self)
        self.guess_button.setToolTip("The entry selected in the timeline is a hypothesis to confirm or rule out")
        self.ask_button.clicked.connect(lambda: self.mark_requested.emit(QuestionKind.QUESTION))
        self.guess_button.clicked.connect(lambda: self.mark_requested.emit(QuestionKind.HYPOTHESIS))
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("questionOutcome")
        self.outcome.setAccessibleName("How it was settled")
        for state in (QuestionState.CONFIRMED, QuestionState.RULED_OUT, QuestionState.ANSWERED):
            self.outcome.addItem(state.value, state)
        self.settle_button = QPushButton("Settle &by selected", self)
        self.settle_button.setToolTip("Select the entry that settled it in the timeline first")
        self.settle_button.clicked.connect(self._settle)
        hint = QLabel("Select an entry in the timeline, then mark it; settle with the entry that answered it.", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #757575; font-size: 8pt;")
        marks = QHBoxLayout()
        marks.addWidget(self.ask_button)
        marks.addWidget(self.guess_button)
        marks.addStretch(1)
        settle = QHBoxLayout()
        settle.addWidget(self.outcome)
        settle.addWidget(self.settle_button)
        settle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_settled)
        layout.addLayout(marks)
        layout.addLayout(settle)
        layout.addWidget(hint)
        self.setFocusProxy(self.list)

    def set_questions(self, questions: list[Question]) -> None:
        selected = self.current_question()
        self.list.clear()
        for q in questions:
            item = QListWidgetItem(question_text(q), self.list)
            item.setData(QUESTION_ROLE, q)
            if not q.open:
                item.setForeground(Qt.GlobalColor.darkGray)
            if selected is not None and q.entry_id == selected.entry_id:
                self.list.setCurrentItem(item)

    def questions(self) -> list[Question]:
        return [self.list.item(i).data(QUESTION_ROLE) for i in range(self.list.count())]

    def current_question(self) -> Question | None:
        item = self.list.currentItem()
        return item.data(QUESTION_ROLE) if item is not None else None

    def _settle(self) -> None:
        question = self.current_question()
        if question is not None:
            self.settle_requested.emit(question.entry_id, self.outcome.currentData())
