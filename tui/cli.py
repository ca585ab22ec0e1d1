"""Command line: `stemcell-explainer [check ...]`. Textual is imported only to run the app."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.content.language import LANGUAGES
from tui.content.paths import default_course_root

if TYPE_CHECKING:
    from tui.content.model import Course
    from tui.quiz.records import SessionKind


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stemcell-explainer",
        description="A cited terminal explainer for stem-cell conditioned media and exosomes.",
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="course root holding content/ and glossary.yaml (default: the shipped course)",
    )
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="validate the course and verify every quote against the articles")
    check.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        dest="sub_content",
        help="course root holding content/ and glossary.yaml",
    )
    check.add_argument(
        "--seeds",
        type=Path,
        metavar="DIR",
        help="folder of source articles (default: $STEMCELL_SEEDS or ../shared/seeds)",
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--uncovered", action="store_true", help="list article paragraphs no quote comes from")
    check.add_argument(
        "--min-coverage",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="fail when an article's paragraph coverage is below SHARE (0-1)",
    )
    run = sub.add_parser("run", help="open the walkthrough (the default)")
    run.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    run.add_argument("--data-dir", type=Path, metavar="DIR", help="where progress is kept")
    quiz = sub.add_parser("quiz", help="test yourself, with spaced repetition")
    quiz.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    quiz.add_argument("--data-dir", type=Path, metavar="DIR", help="where answers are kept")
    quiz.add_argument("--lesson", metavar="ID", help="only this lesson's questions")
    quiz.add_argument("--count", type=int, metavar="N", help="at most N questions (default 10)")
    quiz.add_argument("--due", action="store_true", help="only questions due for review now")
    quiz.add_argument("--mistakes", action="store_true", help="only what you last got wrong")
    quiz.add_argument("--seed", type=int, metavar="S", help="fixed question order")
    classroom = sub.add_parser("classroom", help="present the course to a class (projector view)")
    classroom.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    classroom.add_argument("--data-dir", type=Path, metavar="DIR")
    classroom.add_argument("--lesson", metavar="ID", help="start at this lesson (default: where you stopped)")
    role = classroom.add_mutually_exclusive_group()
    role.add_argument(
        "--presenter",
        action="store_true",
        help="show teacher notes, the next step and a timer; followers mirror this view",
    )
    role.add_argument(
        "--follow",
        action="store_true",
        help="audience view that follows a presenter on this machine",
    )
    classroom.add_argument("--port", type=int, default=8765, help="local port for presenter/follower sync")
    classroom.add_argument(
        "--seed",
        type=int,
        metavar="S",
        help="class quiz option order (print the same with 'export answer-key --seed S')",
    )
    classroom.add_argument(
        "--join",
        metavar="CODE",
        help="with --follow: the join code the presenter shows (every message is checked with it)",
    )
    served = sub.add_parser("serve", help="run the app in a web browser (textual-serve)")
    served.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    served.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    served.add_argument("--port", type=int, default=8000)
    export = sub.add_parser("export", help="export results for a teacher or a spreadsheet")
    export.add_argument("what", choices=["results", "handout", "answer-key", "anki"])
    export.add_argument(
        "--format",
        choices=["csv", "json", "md", "html"],
        help="results: csv (default) or json; handout and answer-key: md (default) or html",
    )
    export.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default="en",
        help="language of a handout, answer key or Anki deck",
    )
    export.add_argument(
        "--seed",
        type=int,
        metavar="S",
        help="answer-key: options in the order the class quiz shows with --seed S (default: as authored)",
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: standard output")
    export.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    export.add_argument("--data-dir", type=Path, metavar="DIR")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root: Path = getattr(args, "sub_content", None) or args.content or default_course_root()
    if args.command == "check":
        return _check(root, args)
    if args.command == "serve":
        from tui.serve import serve

        return serve(args.host, args.port, getattr(args, "sub_content", None) or args.content)
    if args.command == "export" and args.what == "anki":
        if args.format is not None:
            parser.error("export anki writes an Anki package: it takes no --format")
        if args.output is None:
            parser.error("export anki needs -o FILE.apkg")
        return _export(root, args)
    if args.command == "export":
        formats = ("csv", "json") if args.what == "results" else ("md", "html")
        args.format = args.format or formats[0]
        if args.format not in formats:
            parser.error(f"export {args.what} takes --format {' or '.join(formats)}")
        return _export(root, args)
    if args.command == "quiz":
        if args.count is not None and args.count < 1:
            parser.error("--count must be at least 1")
        if args.due and args.mistakes:
            parser.error("choose --due or --mistakes, not both")
    if args.command == "classroom" and args.follow and not args.join:
        parser.error("--follow needs --join CODE: the code the presenter's screen shows")
    if args.command == "classroom" and args.join and not args.follow:
        parser.error("--join goes with --follow")
    return _run(root, args)


def _check(root: Path, args: argparse.Namespace) -> int:
    from tui.content.report import build_report, format_text

    if not (0.0 <= args.min_coverage <= 1.0):
        print("stemcell-explainer: --min-coverage must be between 0 and 1", file=sys.stderr)
        return 2
    report = build_report(root, args.seeds, args.min_coverage)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(format_text(report, uncovered=args.uncovered))
    return 0 if report.ok else 1


def _load(root: Path) -> Course | None:
    from tui.content.loader import ContentError
    from tui.course_cache import load_course_cached

    try:
        return load_course_cached(root)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"stemcell-explainer: {len(error.problems)} problem(s) in the course; "
            "run 'stemcell-explainer check' for details",
            file=sys.stderr,
        )
        return None


DUMB_TERMINAL = (
    "stemcell-explainer: this terminal (TERM=dumb) cannot show the interactive app.\n"
    "  Run it in a full terminal (for example with TERM=xterm-256color),\n"
    "  or use it in a web browser: stemcell-explainer serve,\n"
    "  or make a document to read: stemcell-explainer export handout --format html -o handout.html"
)


def _run(root: Path, args: argparse.Namespace) -> int:
    if os.environ.get("TERM") == "dumb" and "TEXTUAL_DRIVER" not in os.environ:
        print(DUMB_TERMINAL, file=sys.stderr)
        return 2
    course = _load(root)
    if course is None:
        return 1
    from tui.app import make_app
    from tui.quiz.session import QuizRequest
    from tui.screens.classroom import ClassroomRequest, Link
    from tui.sync import new_join_code, normalise_code

    quiz = None
    classroom = None
    lessons = {lesson.id for lesson in course.lessons}
    if getattr(args, "lesson", None) is not None and args.lesson not in lessons:
        known = ", ".join(sorted(lessons))
        print(f"stemcell-explainer: no lesson '{args.lesson}' (lessons: {known})", file=sys.stderr)
        return 2
    if args.command == "classroom":
        if args.presenter:
            link = Link(new_join_code(), args.port)
            classroom = ClassroomRequest(args.lesson, "presenter", link, args.seed)
        elif args.follow:
            classroom = ClassroomRequest(args.lesson, "follower", Link(normalise_code(args.join), args.port))
        else:
            classroom = ClassroomRequest(args.lesson, seed=args.seed)
    if args.command == "quiz":
        kind: SessionKind = "due" if args.due else "mistakes" if args.mistakes else "new"
        count = args.count or (None if kind != "new" else 10)
        quiz = QuizRequest(args.lesson, count, kind, args.seed)
    make_app(course, getattr(args, "data_dir", None), quiz=quiz, classroom=classroom).run()
    return 0


def _export(root: Path, args: argparse.Namespace) -> int:
    course = _load(root)
    if course is None:
        return 1
    from tui.storage import atomic_write, atomic_write_bytes

    if args.what == "anki":
        from tui.quiz.anki import anki_package

        data = anki_package(course, args.lang)
        try:
            atomic_write_bytes(args.output, data)
        except OSError as error:
            print(
                f"stemcell-explainer: cannot write {args.output}: {error.strerror or error}", file=sys.stderr
            )
            return 1
        print(f"wrote {len(course.questions)} Anki note(s) to {args.output}", file=sys.stderr)
        return 0
    if args.what == "results":
        from tui.i18n import t
        from tui.quiz.db import ReviewDB
        from tui.quiz.export import export_results
        from tui.storage import data_dir

        store = ReviewDB(data_dir(args.data_dir))
        records = store.load()
        store.close()
        for notice in store.notices:
            print(f"stemcell-explainer: {t(notice.key, 'en', **notice.values)}", file=sys.stderr)
        text = export_results(course, records, args.format)
        what = f"{len(records)} answer(s)"
    else:
        from tui.handout import answer_key_markdown, handout_markdown, to_html

        if args.what == "handout":
            text = handout_markdown(course, args.lang)
        else:
            text = answer_key_markdown(course, args.lang, args.seed)
        if args.format == "html":
            text = to_html(text, course.title.get(args.lang), args.lang)
        what = f"the {args.what.replace('-', ' ')}"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(args.output, text)
    except OSError as error:
        print(
            f"stemcell-explainer: cannot write {args.output}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1
    print(f"wrote {what} to {args.output}", file=sys.stderr)
    return 0
