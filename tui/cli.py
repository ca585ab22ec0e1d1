"""Command line: `stemcell-explainer [check ...]`. Textual is imported only to run the app."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tui.content.paths import default_course_root


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
    check = sub.add_parser(
        "check", help="validate the course and verify every quote against the articles"
    )
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
    check.add_argument(
        "--uncovered", action="store_true", help="list article paragraphs no quote comes from"
    )
    check.add_argument(
        "--min-coverage",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="fail when an article's paragraph coverage is below SHARE (0-1)",
    )
    run = sub.add_parser("run", help="open the walkthrough (the default)")
    run.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root: Path = getattr(args, "sub_content", None) or args.content or default_course_root()
    if args.command == "check":
        return _check(root, args)
    return _run(root)


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


def _run(root: Path) -> int:
    from tui.content.loader import ContentError
    from tui.course_cache import load_course_cached

    try:
        course = load_course_cached(root)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"stemcell-explainer: {len(error.problems)} problem(s) in the course; "
            "run 'stemcell-explainer check' for details",
            file=sys.stderr,
        )
        return 1
    from tui.app import make_app

    make_app(course).run()
    return 0
