"""The lesson outline: lessons with their steps; choosing a step jumps to it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text as RichText
from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.content.language import single
from tui.content.model import Course
from tui.widgets.labels import pick


class Outline(Tree[str]):
    """A tree of lessons and steps. Labels are plain Rich Text: never markup."""

    @dataclass
    class Jump(Message):
        """The reader chose a step."""

        step_id: str

    def __init__(self, course: Course, *, id: str | None = None) -> None:
        super().__init__(RichText("Course"), id=id)
        self.course = course
        self.show_root = False
        self.guide_depth = 2
        self._steps: dict[str, TreeNode[str]] = {}
        self._lessons: dict[str, TreeNode[str]] = {}
        self._open: TreeNode[str] | None = None

    def set_language(self, language: str, current: str | None) -> None:
        self.clear()
        self._open = None
        self._steps.clear()
        self._lessons.clear()
        lang = single(language)
        for n, lesson in enumerate(self.course.lessons, 1):
            node = self.root.add(RichText(f"{n}. {pick(lesson.title, lang)}"), data=lesson.id)
            self._lessons[lesson.id] = node
            for m, step in enumerate(lesson.steps, 1):
                self._steps[step.id] = node.add_leaf(
                    RichText(f"{n}.{m} {pick(step.title, lang)}"), data=step.id
                )
        if current:
            self.mark(current)

    def mark(self, step_id: str) -> None:
        """Expand the current lesson and move the cursor to the current step."""
        node = self._steps.get(step_id)
        if node is None or node.parent is None:
            return
        if node.parent is not self._open:
            if self._open is not None:
                self._open.collapse()
            node.parent.expand()
            self._open = node.parent
        self.move_cursor(node)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        data = event.node.data
        if data in self._steps:
            self.post_message(self.Jump(data))
        elif data in self._lessons:
            lesson = next(lesson for lesson in self.course.lessons if lesson.id == data)
            self.post_message(self.Jump(lesson.steps[0].id))
