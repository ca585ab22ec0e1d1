"""Load a course root (``content/`` + ``glossary.yaml``) into a validated `Course`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from yaml.nodes import Node

from tui.content.claimcheck import check_strengths
from tui.content.items import CourseReader
from tui.content.model import Claim, Course, Lesson, Question, Source, Term, Text, Topic
from tui.content.paths import course_files, default_course_root
from tui.content.problems import ContentError, Problems, excerpt
from tui.content.reader import Invalid, Registry
from tui.content.yamlfile import read_yaml

__all__ = ["ContentError", "load_course", "read_course"]

T = TypeVar("T")

ID_KINDS = {
    "lesson": "lesson",
    "step": "step",
    "term": "glossary term",
    "question": "question",
    "disagreement": "disagreement",
    "seed": "source article",
    "claim": "claim",
    "topic": "topic",
    "row": "matrix row",
}


def load_course(root: Path | None = None) -> Course:
    """Load and validate everything under `root`; raise ContentError listing all problems."""
    course, problems = read_course(root or default_course_root())
    if problems or course is None:
        raise ContentError(problems.items)
    return course


def read_course(root: Path, digests: dict[Path, str] | None = None) -> tuple[Course | None, Problems]:
    """The course and its problems; `digests` receives the sha256 of every file read."""
    problems = Problems(root=root)
    registry = Registry()
    content = root / "content"
    if not os.path.lexists(content / "course.yaml"):
        problems.add(root / "content" / "course.yaml", 1, 1, "course file not found")
        return None, problems

    unreadable: list[Path] = []

    def read(path: Path, build: Callable[[CourseReader, Node], T]) -> T | None:
        node = read_yaml(path, problems, digests)
        if node is None:
            unreadable.append(path)
            return None
        try:
            return build(CourseReader(path, problems, registry), node)
        except Invalid:
            return None

    course_file, sources_file, topics_file, *parts, glossary = course_files(root)
    header = read(course_file, _course_header)
    sources = read(sources_file, _sources) or ()
    topics = read(topics_file, _topics) or ()
    claims: list[Claim] = []
    lessons: list[Lesson] = []
    questions: list[Question] = []
    for path in parts:
        if path.parent.name == "claims":
            claims.extend(read(path, lambda r, n: r.claims_file(n)) or ())
        elif path.parent.name == "lessons":
            lesson = read(path, lambda r, n: r.lesson(n))
            if lesson is not None:
                lessons.append(lesson)
        else:
            questions.extend(read(path, _questions) or ())
    terms = read(glossary, _terms) or ()

    # A file that could not be parsed hides its ids: skip cross-checks that would only echo it.
    complete = not unreadable
    _check_ids(registry, problems, check_refs=complete)
    check_strengths(registry, problems)
    if header is None:
        return None, problems
    title, summary, order = header
    defined = set(registry.defined.get("lesson", {}))
    ordered = _order_lessons(content / "course.yaml", order, lessons, defined, problems, complete)
    course = Course(title, summary, ordered, terms, tuple(questions), sources, tuple(claims), topics)
    if complete:
        _check_course(course, registry, problems)
    return course, problems


CourseHeader = tuple[Text, Text, list[tuple[str, Node]]]


def _course_header(r: CourseReader, node: Node) -> CourseHeader:
    f = r.mapping(node, "course", ("title", "summary", "lessons"))
    title = r.text(f["title"], "title")
    summary = r.text(f["summary"], "summary")
    order = [(r.ident(n, "lesson id"), n) for n in r.seq(f["lessons"], "lessons", min_len=1)]
    return title, summary, order


def _sources(r: CourseReader, node: Node) -> tuple[Source, ...]:
    f = r.mapping(node, "sources file", ("sources",))
    return r.each(f["sources"], "sources", r.source, min_len=1)


def _topics(r: CourseReader, node: Node) -> tuple[Topic, ...]:
    return r.topics_file(node)


def _questions(r: CourseReader, node: Node) -> tuple[Question, ...]:
    f = r.mapping(node, "quiz file", ("questions",))
    return r.each(f["questions"], "questions", r.question)


def _terms(r: CourseReader, node: Node) -> tuple[Term, ...]:
    f = r.mapping(node, "glossary", ("terms",))
    return r.each(f["terms"], "terms", r.term)


def _order_lessons(
    path: Path,
    order: list[tuple[str, Node]],
    lessons: list[Lesson],
    defined: set[str],
    problems: Problems,
    complete: bool,
) -> tuple[Lesson, ...]:
    by_id = {lesson.id: lesson for lesson in lessons}
    listed: set[str] = set()
    ordered: list[Lesson] = []
    for lesson_id, node in order:
        if lesson_id in listed:
            problems.at(path, node, f"lesson '{excerpt(lesson_id)}' is listed twice")
        elif lesson_id not in by_id:
            if complete and lesson_id not in defined:
                problems.at(
                    path, node, f"lesson '{excerpt(lesson_id)}' has no lesson file in content/lessons/"
                )
        else:
            ordered.append(by_id[lesson_id])
        listed.add(lesson_id)
    for lesson_id in sorted(defined - listed):
        problems.add(path, 1, 1, f"lesson '{excerpt(lesson_id)}' is not listed in course.yaml")
    return tuple(ordered)


def _check_ids(registry: Registry, problems: Problems, *, check_refs: bool) -> None:
    for kind, ids in registry.defined.items():
        for value, sites in ids.items():
            first_path, first_node = sites[0]
            for path, node in sites[1:]:
                where = f"{problems.display_path(first_path)}:{first_node.start_mark.line + 1}"
                problems.at(
                    path,
                    node,
                    f"duplicate {ID_KINDS[kind]} id '{excerpt(value)}' (first defined at {where})",
                )
    for kind, value, (path, node) in registry.referred if check_refs else ():
        if value not in registry.defined.get(kind, {}):
            problems.at(path, node, f"unknown {ID_KINDS[kind]} '{excerpt(value)}'")


def _check_course(course: Course, registry: Registry, problems: Problems) -> None:
    """Rules that need the whole course: recall terms resolvable, sources for every article."""
    seeds = registry.defined.get("seed", {})
    cited = {ref.seed for ref in course.all_refs()}
    for seed, sites in seeds.items():
        if seed not in cited:
            path, node = sites[0]
            problems.at(path, node, f"source article '{excerpt(seed)}' is never cited")
