"""Class quiz for a projector: options A–D, the answer hidden until the teacher reveals it.

Nothing is saved to anyone's review history.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.content.model import Course, Question
from tui.widgets.labels import pick

CLASS_TYPES = ("single", "multiple", "myth_fact")


def class_questions(course: Course, lesson_id: str) -> list[Question]:
    steps = {step.id: lesson.id for lesson, step in course.steps()}
    return [q for q in course.questions if steps.get(q.step) == lesson_id and q.type in CLASS_TYPES]


def question_content(course: Course, q: Question, lang: str, revealed: bool, number: str) -> Content:
    lines = [
        Content.styled(number, "$text-muted"),
        Content(""),
        Content.styled(pick(q.prompt, lang), "bold"),
        Content(""),
    ]
    if q.type == "myth_fact":
        options = [
            ("A", "Myth / 誤り", q.answer == "myth"),
            ("B", "Fact / 事実", q.answer == "fact"),
        ]
    else:
        options = [(chr(65 + i), pick(o.text, lang), o.correct) for i, o in enumerate(q.options)]
    for letter, text, correct in options:
        style = "bold $text-success" if revealed and correct else "$text-muted" if revealed else ""
        mark = " ✔" if revealed and correct else ""
        lines.append(Content.assemble((f"  {letter}. ", "bold"), (text, style), (mark, "bold $text-success")))
    if revealed:
        lines += [
            Content(""),
            Content.styled("Why / 解説", "bold"),
            Content(pick(q.explanation, lang)),
        ]
        for ref in q.sources:
            source = course.source(ref.seed)
            publisher = source.publisher if source and source.publisher else "—"
            lines.append(
                Content.assemble(
                    "\n",
                    (ref.seed, "bold $text-accent"),
                    f" · {publisher}\n「",
                    (ref.quote, "bold"),
                    "」",
                )
            )
    else:
        lines += [
            Content(""),
            Content.styled("(answer hidden — press space to reveal)", "italic $text-muted"),
        ]
    return Content("\n").join(lines)


class ClassQuizScreen(Screen[None]):
    BINDINGS = [
        Binding("space,a,enter", "reveal", "Reveal answer"),
        Binding("right,n,pagedown", "move(1)", "Next question"),
        Binding("left,p,pageup", "move(-1)", "Previous", show=False),
        Binding("escape,c", "app.pop_screen", "Back to slides"),
    ]

    @dataclass
    class Changed(Message):
        question_id: str
        revealed: bool

    def __init__(
        self, course: Course, questions: list[Question], language: str, *, follower: bool = False
    ) -> None:
        super().__init__()
        self.course = course
        self.questions = questions
        self.language = language
        self.follower = follower
        self.index = 0
        self.revealed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="class-quiz"):
            yield Static(id="class-quiz-body")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.follower and action in ("reveal", "move"))

    def show(self) -> None:
        q = self.questions[self.index]
        number = f"Class quiz {self.index + 1}/{len(self.questions)}"
        self.query_one("#class-quiz-body", Static).update(
            question_content(self.course, q, self.language, self.revealed, number)
        )
        if not self.follower:
            self.post_message(self.Changed(q.id, self.revealed))

    def action_reveal(self) -> None:
        self.revealed = True
        self.show()

    def action_move(self, delta: int) -> None:
        index = self.index + delta
        if 0 <= index < len(self.questions):
            self.index, self.revealed = index, False
            self.show()

    def apply(self, question_id: str, revealed: bool) -> None:
        """Follower: show what the presenter shows."""
        for n, q in enumerate(self.questions):
            if q.id == question_id:
                self.index, self.revealed = n, revealed
                self.show()
                return
