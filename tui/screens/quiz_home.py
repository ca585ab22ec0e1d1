"""The quiz home: this session's score, mastery per lesson over time, due count and streak."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.content.model import Course
from tui.quiz.session import Summary
from tui.screens.quiz import Result
from tui.widgets.labels import pick

SPARK = "▁▂▃▄▅▆▇█"


def bar(share: float, width: int = 16) -> str:
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def spark(values: list[float]) -> str:
    return "".join(SPARK[min(len(SPARK) - 1, int(v * (len(SPARK) - 1) + 0.5))] for v in values[-14:])


def home_content(course: Course, summary: Summary, results: list[Result], lang: str) -> Content:
    ja = lang == "ja"
    lines: list[Content] = []
    if results:
        right = sum(r.grade.correct for r in results)
        lines.append(
            Content.styled(
                f"{'今回の結果' if ja else 'This session'}: {right}/{len(results)}",
                "bold $text-accent",
            )
        )
        by_lesson: dict[str, list[bool]] = {}
        steps = {step.id: lesson for lesson, step in course.steps()}
        for r in results:
            by_lesson.setdefault(steps[r.question.step].id, []).append(r.grade.correct)
        for lesson in course.lessons:
            if lesson.id in by_lesson:
                marks = by_lesson[lesson.id]
                lines.append(Content(f"  {sum(marks)}/{len(marks)}  {pick(lesson.title, lang)}"))
        lines.append(Content(""))
    lines.append(Content.styled("習熟度(レッスン別)" if ja else "Mastery by lesson", "bold $text-accent"))
    for n, lesson in enumerate(course.lessons, 1):
        mastered, total = summary.per_lesson.get(lesson.id, (0, 0))
        share = mastered / total if total else 0.0
        history = spark([s for _, s in summary.history.get(lesson.id, [])])
        lines.append(
            Content.assemble(
                f"{n:>3}. ",
                (bar(share), "$text-success"),
                f" {mastered:>2}/{total:<3} ",
                (history.ljust(14), "$text-accent"),
                f" {pick(lesson.title, lang)}",
            )
        )
    lines.append(Content(""))
    lines.append(
        Content.assemble(
            ("復習予定: " if ja else "Due now: ", "bold"),
            f"{summary.due_count}   ",
            ("連続日数: " if ja else "Streak: ", "bold"),
            f"{summary.streak} {'日' if ja else 'day(s)'}   ",
            ("前回の誤答: " if ja else "Last answered wrong: ", "bold"),
            f"{summary.mistakes}   ",
            ("回答数: " if ja else "Answers: ", "bold"),
            str(summary.answered),
        )
    )
    lines.append(Content(""))
    lines.append(
        Content.styled(
            "m: 誤答を復習 · d: 復習予定 · enter: 新しい10問 · w: 学習に戻る · q: 終了"
            if ja
            else "m: review my mistakes · d: due questions · enter: 10 new questions · "
            "w: walkthrough · q: quit",
            "italic $text-muted",
        )
    )
    return Content("\n").join(lines)


class QuizHome(Screen[None]):
    """The quiz mode's base screen; sessions are pushed on top of it."""

    BINDINGS = [
        Binding("m", "start('mistakes')", "Review my mistakes"),
        Binding("d", "start('due')", "Due"),
        Binding("enter", "start('new')", "New quiz"),
        Binding("w", "app.switch_mode('walkthrough')", "Walkthrough"),
        Binding("q", "app.quit", "Quit"),
    ]

    @dataclass
    class Start(Message):
        kind: str

    @dataclass
    class Shown(Message):
        """The home screen became visible; the app hands it fresh figures."""

    def __init__(self, course: Course) -> None:
        super().__init__()
        self.course = course

    def on_screen_resume(self) -> None:
        self.post_message(self.Shown())

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-home"):
            yield Static(id="quiz-summary")
        yield Footer()

    def show(self, summary: Summary, results: list[Result], lang: str) -> None:
        self.query_one("#quiz-summary", Static).update(home_content(self.course, summary, results, lang))

    def action_start(self, kind: str) -> None:
        self.post_message(self.Start(kind))
