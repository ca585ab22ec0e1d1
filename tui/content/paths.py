"""Where the shipped course lives."""

from __future__ import annotations

from pathlib import Path


def default_course_root() -> Path:
    """The shipped course: the checkout beside the package, or the copy inside a wheel."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent
    if (checkout / "content" / "course.yaml").is_file():
        return checkout
    return package / "_course"


def course_files(root: Path) -> list[Path]:
    """Every file the loader reads from a course root, in the order it reads them."""
    content = root / "content"
    return [
        content / "course.yaml",
        content / "sources.yaml",
        content / "topics.yaml",
        *sorted((content / "claims").glob("*.yaml")),
        *sorted((content / "lessons").glob("*.yaml")),
        *sorted((content / "quiz").glob("*.yaml")),
        root / "glossary.yaml",
    ]
