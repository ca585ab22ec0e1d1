"""The end of the course: what was read, what was skipped, and what to do next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.content.cursor import Cursor
from tui.content.language import Language, single
from tui.content.model import Course
from tui.i18n import t
from tui.quiz.records import SessionKind
from tui.screens.base import localise_bindings


def done_content(course: Course, cursor: Cursor, language: Language) -> Content:
    lang = single(language)
    done, total = cursor.course_read()
    lines = [
        Content.styled(t("done.title", lang), "bold $text-accent"),
        Content(""),
        Content.styled(t("done.read", lang, done=done, total=total, percent=done * 100 // total), "bold"),
        Content(""),
    ]
    unread: list[str] = []
    for n, lesson in enumerate(course.lessons, 1):
        read, steps = cursor.lesson_read(lesson)
        mark = ("✓ ", "bold $text-success") if read == steps else ("  ", "")
        lines.append(
            Content.assemble(mark, f"{n:>2}. {lesson.title.get(lang)}  ", (f"{read}/{steps}", "bold"))
        )
        unread += [f"{n}.{m}" for m, step in enumerate(lesson.steps, 1) if not cursor.is_read(step.id)]
    lines.append(Content(""))
    if unread:
        shown = ", ".join(unread[:12]) + (" …" if len(unread) > 12 else "")
        lines.append(Content(t("done.unread", lang, steps=shown)))
    else:
        lines.append(Content(t("done.all_read", lang)))
    lines += [Content(""), Content.styled(t("done.next", lang), "bold"), Content(t("done.keys", lang))]
    return Content("\n").join(lines)


class CourseDone(ModalScreen[SessionKind | None]):
    """Shown when the reader presses next on the last step."""

    BINDINGS = [
        Binding("x", "choose('new')", "key.quiz"),
        Binding("d", "choose('due')", "key.due"),
        Binding("m", "choose('mistakes')", "key.mistakes"),
        Binding("escape,q,enter", "choose('')", "key.close"),
    ]

    def __init__(self, course: Course, cursor: Cursor, language: Language) -> None:
        super().__init__()
        self.course = course
        self.cursor = cursor
        self.language = language

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="course-done"):
            yield Static(done_content(self.course, self.cursor, self.language))

    def on_mount(self) -> None:
        localise_bindings(self, self.language)

    def action_choose(self, kind: str) -> None:
        self.dismiss(kind if kind in ("new", "due", "mistakes") else None)  # type: ignore[arg-type]
