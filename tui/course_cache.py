"""A start-up cache of the validated course, keyed by the bytes of every course file and of
the content-model code. `check` never uses it; a stale or unreadable cache is rebuilt."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import platformdirs

from tui.content.model import Course
from tui.storage import APP_NAME, atomic_write_bytes

CONTENT_CODE = Path(__file__).parent / "content"


def course_digest(root: Path) -> str:
    """Digest of every course file's path, size and mtime, and of the model code's."""
    digest = hashlib.sha256()
    files = [*sorted(CONTENT_CODE.glob("*.py")), root / "glossary.yaml"]
    files += sorted((root / "content").rglob("*.yaml"))
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_course_cached(root: Path, cache_dir: Path | None = None) -> Course:
    """Like `load_course`, from a pickle when the course and model code are unchanged."""
    folder = cache_dir or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    try:
        path = folder / f"course-{course_digest(root)}.pickle"
    except OSError:
        from tui.content.loader import load_course

        return load_course(root)
    try:
        course = pickle.loads(path.read_bytes())
        if isinstance(course, Course):
            return course
    except Exception:
        pass
    from tui.content.loader import load_course

    course = load_course(root)
    try:
        for old in folder.glob("course-*.pickle"):
            old.unlink(missing_ok=True)
        atomic_write_bytes(path, pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache dir only costs start-up time
    return course
