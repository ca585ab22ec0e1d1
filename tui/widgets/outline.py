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
        self._language = "en"
        self._read: set[str] = set()

    def set_language(
        self, language: str, current: str | None, read: set[str] | frozenset[str] = frozenset()
    ) -> None:
        self.clear()
        self._open = None
        self._steps.clear()
        self._lessons.clear()
        self._language = single(language)
        self._read = set(read)
        for lesson in self.course.lessons:
            node = self.root.add(self._lesson_label(lesson.id), data=lesson.id)
            self._lessons[lesson.id] = node
            for step in lesson.steps:
                self._steps[step.id] = node.add_leaf(self._step_label(step.id), data=step.id)
        if current:
            self.mark(current)

    def _lesson_label(self, lesson_id: str) -> RichText:
        n, lesson = next((n, x) for n, x in enumerate(self.course.lessons, 1) if x.id == lesson_id)
        done = sum(step.id in self._read for step in lesson.steps)
        total = len(lesson.steps)
        label = RichText(f"{n}. {pick(lesson.title, self._language)} ")
        label.append(f"{done}/{total}", style="bold green" if done == total else "dim")
        return label

    def _step_label(self, step_id: str) -> RichText:
        for n, lesson in enumerate(self.course.lessons, 1):
            for m, step in enumerate(lesson.steps, 1):
                if step.id == step_id:
                    label = RichText()
                    label.append("✓ " if step_id in self._read else "  ", style="bold green")
                    label.append(f"{n}.{m} {pick(step.title, self._language)}")
                    return label
        return RichText(step_id)

    def set_read(self, read: set[str] | frozenset[str]) -> None:
        """Update the ✓ marks and lesson counts for steps newly read (or unread)."""
        changed = set(read) ^ self._read
        self._read = set(read)
        lessons = set()
        for step_id in changed:
            node = self._steps.get(step_id)
            if node is not None:
                node.set_label(self._step_label(step_id))
                if node.parent is not None and node.parent.data is not None:
                    lessons.add(node.parent.data)
        for lesson_id in lessons:
            self._lessons[lesson_id].set_label(self._lesson_label(lesson_id))

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
        # The tree numbers its lines lazily, after any expand or collapse (ours or the
        # reader's): until then a node's line is missing or stale. Asking for a line numbers
        # them now (a lookup when they are current), so the cursor lands in this frame.
        self.get_node_at_line(0)
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
