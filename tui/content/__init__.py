"""The course content model: pure Python, never imports Textual."""

from tui.content.loader import ContentError, load_course
from tui.content.model import Course

__all__ = ["ContentError", "Course", "load_course"]
