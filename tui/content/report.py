"""The `check` report: validation problems, counts, quote verification and coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.content.balance import balance_warnings
from tui.content.claimcheck import empty_rows, format_note, strength_notes, unused_claims
from tui.content.discern import discern_present, read_discern
from tui.content.loader import read_course
from tui.content.model import QUESTION_TYPES, Course, Disagreement, NoteKind, Slip, item_sources
from tui.content.problems import Problem, printable
from tui.content.provenance import Verification, find_seeds_dir, verify


@dataclass
class Report:
    root: Path
    problems: list[Problem]
    course: Course | None
    verification: Verification | None
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # failures that are not in a course file
    discern: dict[str, int] = field(default_factory=dict)  # appraisal counts, if the course has them

    @property
    def ok(self) -> bool:
        return not self.problems and not self.errors

    def counts(self) -> dict[str, int]:
        course = self.course
        if course is None:
            return {}
        items = [item for _, step in course.steps() for item in step.items]
        v = self.verification
        return {
            "lessons": len(course.lessons),
            "steps": len(course.steps()),
            "items": len(items),
            "items_with_sources": sum(1 for item in items if item_sources(item)),
            "terms": len(course.terms),
            "claims": len(course.claims),
            "questions": len(course.questions),
            "disagreements": sum(isinstance(item, Disagreement) for item in items),
            "slips": sum(isinstance(item, Slip) for item in items),
            "quotes": v.quotes if v else len(course.all_refs()),
            "quotes_verified": v.verified if v else 0,
            **self.discern,
        }

    def question_types(self) -> dict[str, int]:
        found = Counter(q.type for q in self.course.questions) if self.course else Counter()
        return {qtype: found.get(qtype, 0) for qtype in QUESTION_TYPES}

    def notes(self) -> list[str]:
        """Citations that read a claim at another strength, each with its reason."""
        return [format_note(ref, own) for ref, own in strength_notes(self.course)] if self.course else []

    def as_json(self) -> dict[str, Any]:
        v = self.verification
        return {
            "ok": self.ok,
            "content": printable(str(self.root)),
            "seeds": printable(str(v.seeds_dir)) if v and v.seeds_dir else None,
            "counts": self.counts(),
            "question_types": self.question_types(),
            "quotes_per_article": dict(sorted(v.per_article.items())) if v else {},
            "seed_coverage": {seed: round(c.share, 4) for seed, c in v.coverage.items()} if v else {},
            "strength_notes": self.notes(),
            "problems": [p.as_dict() for p in self.problems],
            "warnings": self.warnings,
            "errors": self.errors,
        }


def build_report(
    root: Path, seeds: Path | None = None, min_coverage: float = 0.0, *, no_seeds: bool = False
) -> Report:
    """Validate the course and verify its quotes. Quotes that cannot be verified (no seeds
    folder) are an error unless `no_seeds` says to skip verification."""
    course, problems = read_course(root)
    verification = None
    discern: dict[str, int] = {}
    warnings: list[str] = []
    errors: list[str] = []
    if course is not None:
        seeds_dir = None if no_seeds else find_seeds_dir(seeds, root)
        verification = verify(course, seeds_dir, problems, root / "content")
        warnings.extend(verification.warnings)
        warnings.extend(balance_warnings(course))
        warnings.extend(notes_warnings(course))
        if discern_present(root):  # the DISCERN workshop: content/discern.yaml + content/appraisals/
            seeds_list = [source.seed for source in course.sources]
            discern = read_discern(root, seeds_list, seeds_dir, problems)[1].counts()
        warnings.extend(unused_claims(course))
        warnings.extend(empty_rows(course))
        if no_seeds:
            warnings.append("quotes were not verified (--no-seeds)")
        elif verification.unverified:
            errors.append(verification.unverified)
        for seed, cov in verification.coverage.items():
            if cov.share < min_coverage:
                problems.add(
                    root / "content" / "sources.yaml",
                    1,
                    1,
                    f"{seed}: coverage {cov.share:.1%} is below the required {min_coverage:.0%}",
                )
    return Report(root, sorted(problems.items), course, verification, warnings, errors, discern)


def format_text(report: Report, *, uncovered: bool = False) -> str:
    lines = [str(p) for p in report.problems]
    lines.extend(f"error: {e}" for e in report.errors)
    lines.extend(f"warning: {w}" for w in report.warnings)
    lines.extend(f"note: {n}" for n in report.notes())
    counts = report.counts()
    if counts:
        lines.append(
            "{lessons} lessons, {steps} steps, {items} items ({items_with_sources} with sources), "
            "{claims} claims, {terms} terms, {questions} questions, "
            "{disagreements} disagreements, {slips} slips".format(**counts)
        )
        types = ", ".join(f"{k} {n}" for k, n in report.question_types().items())
        lines.append(f"question types: {types}")
        lines.append(f"quotes: {counts['quotes_verified']} of {counts['quotes']} verified")
        if report.discern:
            lines.append(
                "DISCERN: {discern_ratings} ratings ({discern_silent} silent), quotes: "
                "{discern_quotes_verified} of {discern_quotes} verified".format(**counts)
            )
    v = report.verification
    if v and v.coverage:
        lines.append("article                    quotes  coverage")
        for seed, cov in v.coverage.items():
            lines.append(
                f"{seed:<26} {v.per_article.get(seed, 0):>6}  {cov.share:>7.1%}  "
                f"({cov.covered}/{cov.substantive} paragraphs)"
            )
            if uncovered:
                lines.extend(f"    {seed}:{n}: {printable(text.strip()[:70])}" for n, text in cov.uncovered)
    if report.ok:
        verified = "" if v is None or v.warnings else " and every quote is verified"
        lines.append("ok: the course is valid" + verified)
    else:
        found = [f"{len(report.problems)} problem(s)"] if report.problems else []
        found += [f"{len(report.errors)} error(s)"] if report.errors else []
        lines.append(" and ".join(found) + " found")
    return "\n".join(lines)


def notes_warnings(course: Course) -> list[str]:
    """Steps with no teacher notes, and steps missing a note of some kind (point, ask, pitfall)."""
    bare = [step.id for _, step in course.steps() if not step.notes]
    partial = []
    for _, step in course.steps():
        missing = [k.value for k in NoteKind if step.notes and k not in {n.kind for n in step.notes}]
        if missing:
            partial.append(f"{step.id} (no {'/'.join(missing)})")
    warnings = []
    if bare:
        warnings.append(f"{len(bare)} step(s) have no teacher notes: {', '.join(bare)}")
    if partial:
        kinds = ", ".join(k.value for k in NoteKind)
        warnings.append(
            f"{len(partial)} step(s) lack a teacher note of each kind ({kinds}): {', '.join(partial)}"
        )
    return warnings
