"""One claim, one label: the checks that need the whole registry and every citation of it."""

from __future__ import annotations

from tui.content.model import Course, Location, SourceRef, Strength
from tui.content.problems import Problems, excerpt
from tui.content.reader import QuoteUse, Registry


def check_strengths(registry: Registry, problems: Problems) -> None:
    """The same article quote with two strengths is an error, naming both places.

    Every claim's own quotes and every citation of a claim is a use of a quote at a strength.
    The first use of a quote (claims are read before anything cites them) sets its strength;
    the first use at each other strength is reported, unless the citation says why it reads
    the quote differently (`strength_note`). A quote in two claims is reported too.
    """
    first: dict[tuple[str, str], QuoteUse] = {}
    reported: set[tuple[str, str, Strength]] = set()
    owners: dict[tuple[str, str], QuoteUse] = {}
    for use in registry.uses:
        key = (use.seed, use.quote)
        if use.justified:
            continue
        base = first.setdefault(key, use)
        if use.strength != base.strength and (*key, use.strength) not in reported:
            reported.add((*key, use.strength))
            problems.at(
                use.site[0],
                use.site[1],
                f'quote "{excerpt(use.quote, 40)}" has two strengths: {base.strength} at '
                f"{_where(problems, base)} and {use.strength} at {_where(problems, use)} "
                "(one claim, one strength: change one, or explain this reading with strength_note)",
            )
            continue
        if use.defines:
            owner = owners.setdefault(key, use)
            if owner is not use and use.strength == owner.strength:
                problems.at(
                    use.site[0],
                    use.site[1],
                    f'quote "{excerpt(use.quote, 40)}" is already in a claim at {_where(problems, owner)} '
                    "(a quote belongs to one claim)",
                )


def _where(problems: Problems, use: QuoteUse) -> str:
    path, node = use.site
    mark = node.start_mark
    return f"{problems.display_path(path)}:{mark.line + 1}:{mark.column + 1}"


def _loc(where: Location | None) -> str:
    return f"{where.path}:{where.line}:{where.col}" if where else "?"


def unused_claims(course: Course) -> list[str]:
    """Warnings for claims nothing cites."""
    cited = {ref.claim for ref in course.all_refs() if ref.claim}
    return [
        f"{_loc(claim.where)}: claim '{claim.id}' is never cited"
        for claim in course.claims
        if claim.id not in cited
    ]


def empty_rows(course: Course) -> list[str]:
    """Warnings for named rows in topics.yaml that no claim is filed under."""
    used = {claim.row for claim in course.claims if claim.row}
    return [
        f"content/topics.yaml: row '{row.id}' of topic '{topic.id}' has no claims"
        for topic in course.topics
        for row in topic.rows
        if row.id not in used
    ]


def strength_notes(course: Course) -> list[tuple[SourceRef, Strength]]:
    """Citations that read a claim at another strength, with the claim's own strength, once each."""
    seen: set[tuple[str, int, int]] = set()
    out: list[tuple[SourceRef, Strength]] = []
    for ref in course.all_refs():
        claim = course.claim(ref.claim) if ref.claim and ref.strength_note else None
        if claim is None or ref.where is None:
            continue
        key = (ref.where.path, ref.where.line, ref.where.col)
        if key not in seen:
            seen.add(key)
            out.append((ref, claim.strength))
    return out


def format_note(ref: SourceRef, own: Strength) -> str:
    note = ref.strength_note.en if ref.strength_note else ""
    return f"{_loc(ref.where)}: claim '{ref.claim}' ({own}) read as {ref.strength}: {note}"
