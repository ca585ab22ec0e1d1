"""Turn located YAML nodes into typed values, recording a problem for anything wrong."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.content.model import Claim, Location, SourceRef, Strength, Text
from tui.content.problems import Problems, excerpt
from tui.content.yamlfile import STR, describe

T = TypeVar("T")

ID_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
MD_LINK_RE = re.compile(r"\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
QUOTE_MAX = 80
# A seed is a file name inside the seeds folder: no path separators, no leading dot.
SEED_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
QUOTE_MIN = 4


Site = tuple[Path, Node]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class QuoteUse:
    """One place a quote is given a strength: a claim's own quote, or a citation of a claim."""

    seed: str
    quote: str  # NFC
    strength: Strength
    site: Site
    justified: bool = False  # a citation that reads it differently and says why (strength_note)
    defines: bool = False  # a claim's own quote, not a citation


@dataclass
class Registry:
    """Where ids are defined and referred to, for uniqueness and cross-reference checks, and
    the claim registry as it is read (claims are read before anything that cites them)."""

    defined: dict[str, dict[str, list[Site]]] = field(default_factory=dict)
    referred: list[tuple[str, str, Site]] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)
    claim_quotes: dict[tuple[str, str], str] = field(default_factory=dict)  # (seed, NFC quote) -> id
    row_topics: dict[str, str] = field(default_factory=dict)
    uses: list[QuoteUse] = field(default_factory=list)

    def claim_containing(self, seed: str, quote: str) -> str | None:
        """The first claim (in reading order) one of whose quotes from `seed` contains `quote`."""
        for (claim_seed, claim_quote), claim_id in self.claim_quotes.items():
            if claim_seed == seed and quote in claim_quote:
                return claim_id
        return None


class Invalid(Exception):
    """Raised inside a reader once a problem is recorded, to skip the broken value."""


class Reader:
    """Reads one file's nodes. Every error is recorded with its line before raising Invalid."""

    def __init__(self, path: Path, problems: Problems, registry: Registry) -> None:
        self.path = path
        self.problems = problems
        self.registry = registry

    def fail(self, node: Node | None, message: str) -> Invalid:
        self.problems.at(self.path, node, message)
        return Invalid(message)

    def where(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.problems.display_path(self.path), mark.line + 1, mark.column + 1)

    # -- shapes -------------------------------------------------------------

    def mapping(
        self, node: Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping, not {describe(node)}")
        known = ", ".join(sorted({*required, *optional}))
        expected = [
            key.value
            for key, _ in node.value
            if isinstance(key, ScalarNode) and (key.value in required or key.value in optional)
        ]
        if node.value and not expected:
            # Nothing here is what we expect: likely not a course file at all (a symlink to
            # /etc/shadow, say). Quote none of it; one problem instead of one per key.
            raise self.fail(
                node,
                f"{what} has none of the expected keys ({known}) but {len(node.value)} other "
                "key(s); is this the right file?",
            )
        fields: dict[str, Node] = {}
        bad = False
        for key, value in node.value:
            if not (isinstance(key, ScalarNode) and key.tag == STR):
                self.fail(key, f"{what} has a key that is {describe(key)}; keys must be strings")
                bad = True
                continue
            if key.value not in required and key.value not in optional:
                self.fail(key, f"unknown key '{excerpt(key.value)}' in {what} (expected one of: {known})")
                bad = True
                continue
            fields[key.value] = value
        missing = [name for name in required if name not in fields]
        for name in missing:
            self.fail(node, f"{what} is missing required key '{name}'")
        if missing or (bad and not fields):
            raise Invalid(what)
        return fields

    def seq(self, node: Node, what: str, *, min_len: int = 0, max_len: int | None = None) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list, not {describe(node)}")
        count = len(node.value)
        if count < min_len:
            raise self.fail(node, f"{what} needs at least {min_len} entries, found {count}")
        if max_len is not None and count > max_len:
            raise self.fail(node, f"{what} allows at most {max_len} entries, found {count}")
        return list(node.value)

    def each(
        self,
        node: Node,
        what: str,
        read: Callable[[Node], T],
        *,
        min_len: int = 0,
        max_len: int | None = None,
    ) -> tuple[T, ...]:
        """Read every entry of a list, keeping the good ones and recording the bad."""
        out: list[T] = []
        failed = False
        for child in self.seq(node, what, min_len=min_len, max_len=max_len):
            try:
                out.append(read(child))
            except Invalid:
                failed = True
        if failed:
            raise Invalid(what)
        return tuple(out)

    # -- scalars ------------------------------------------------------------

    def string(self, node: Node, what: str, *, allow_empty: bool = False) -> str:
        if not (isinstance(node, ScalarNode) and node.tag == STR):
            hint = ""
            if isinstance(node, ScalarNode) and node.tag.endswith((":bool", ":int", ":float", ":null")):
                hint = "; put it in quotes"
            raise self.fail(node, f"{what} must be a string, not {describe(node)}{hint}")
        value = str(node.value)
        if not allow_empty and not value.strip():
            raise self.fail(node, f"{what} must not be empty")
        return value

    def optional_string(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return None
        return self.string(node, what)

    def boolean(self, node: Node, what: str) -> bool:
        if not (isinstance(node, ScalarNode) and node.tag.endswith(":bool")):
            raise self.fail(node, f"{what} must be true or false, not {describe(node)}")
        return node.value.lower() in ("true", "yes", "on", "y")

    def ident(self, node: Node, what: str, *, define: str = "", refer: str = "") -> str:
        """Read an id; `define`/`refer` name the id kind to register for cross-checking."""
        value = self.string(node, what)
        if not ID_RE.match(value):
            raise self.fail(
                node,
                f"{what} '{excerpt(value)}' must be lower-case letters and digits joined by '-' or '.'",
            )
        site = (self.path, node)
        if define:
            self.registry.defined.setdefault(define, {}).setdefault(value, []).append(site)
        if refer:
            self.registry.referred.append((refer, value, site))
        return value

    def seed_name(self, node: Node) -> str:
        value = self.string(node, "seed")
        if not SEED_RE.match(value):
            raise self.fail(
                node,
                f"seed '{excerpt(value)}' must be a file name in the seeds folder "
                "(letters, digits, '_', '-', '.'; no '/' and no leading '.')",
            )
        return value

    def choice(self, node: Node, what: str, choices: tuple[str, ...]) -> str:
        value = self.string(node, what)
        if value not in choices:
            raise self.fail(node, f"{what} '{excerpt(value)}' must be one of: {', '.join(choices)}")
        return value

    def ids(self, node: Node, what: str, *, refer: str = "") -> tuple[str, ...]:
        return self.each(node, what, lambda child: self.ident(child, what, refer=refer))

    # -- content building blocks -------------------------------------------

    def text(self, node: Node, what: str) -> Text:
        fields = self.mapping(node, what, ("en", "ja"))
        errors = 0
        values: dict[str, str] = {}
        for lang in ("en", "ja"):
            try:
                values[lang] = self.string(fields[lang], f"{what}.{lang}")
            except Invalid:
                errors += 1
        if errors:
            raise Invalid(what)
        for lang in ("en", "ja"):
            for target in MD_LINK_RE.findall(values[lang]):
                if not target.startswith("https://"):
                    raise self.fail(
                        fields[lang],
                        f"{what}.{lang} has a Markdown link to '{excerpt(target)}'; only https:// links are "
                        "allowed (to show brackets as text, put a space after ']')",
                    )
        return Text(en=values["en"], ja=values["ja"])

    def strength(self, node: Node) -> Strength:
        return Strength(self.choice(node, "strength", tuple(s.value for s in Strength)))

    def quote(self, node: Node) -> str:
        """A verbatim quote: one line, QUOTE_MIN to QUOTE_MAX characters."""
        quote = self.string(node, "quote")
        if "\n" in quote:
            raise self.fail(node, "quote must be on one line")
        if len(quote) > QUOTE_MAX:
            raise self.fail(node, f"quote is {len(quote)} characters; keep it to {QUOTE_MAX} or fewer")
        if len(quote.strip()) < QUOTE_MIN:
            raise self.fail(node, f"quote is shorter than {QUOTE_MIN} characters")
        return quote

    def source_ref(self, node: Node, *, claims_only: bool = False) -> tuple[SourceRef, ...]:
        """One entry of `sources:`: a claim (which may give several quotes) or a plain quote."""
        if isinstance(node, MappingNode) and any(
            isinstance(key, ScalarNode) and key.value == "claim" for key, _ in node.value
        ):
            return self.claim_ref(node)
        fields = self.mapping(node, "source", ("seed", "quote"), ("gloss", "strength"))
        seed = self.string(fields["seed"], "seed")
        self.registry.referred.append(("seed", seed, (self.path, fields["seed"])))
        quote = self.quote(fields["quote"])
        gloss = self.optional_string(fields.get("gloss"), "gloss")
        if "strength" in fields:
            raise self.fail(
                fields["strength"],
                "a plain quote has no strength of its own: record it as a claim in content/claims/ "
                "and cite {claim: id}",
            )
        owner = self.registry.claim_quotes.get((seed, nfc(quote)))
        if owner is not None:
            raise self.fail(fields["quote"], f"this quote is claim '{owner}': cite {{claim: {owner}}}")
        part_of = self.registry.claim_containing(seed, nfc(quote))
        if part_of is not None:
            raise self.fail(
                fields["quote"],
                f"this quote is part of claim '{part_of}': cite "
                f'{{claim: {part_of}, quote: "{quote}"}} (a quote has its claim\'s strength)',
            )
        if claims_only:
            raise self.fail(
                node,
                "a claim-bearing item cites claims: record this quote as a claim in content/claims/ "
                "and cite {claim: id}",
            )
        return (SourceRef(seed, quote, gloss, None, self.where(fields["quote"])),)

    def claim_ref(self, node: Node) -> tuple[SourceRef, ...]:
        """Overridden by the course reader, which knows the claim registry."""
        raise self.fail(node, "claims are not allowed here")

    def sources(self, node: Node, *, claims_only: bool = False) -> tuple[SourceRef, ...]:
        refs = self.each(node, "sources", lambda n: self.source_ref(n, claims_only=claims_only), min_len=1)
        return tuple(ref for group in refs for ref in group)


class Gather:
    """Reads several fields, remembering failures so every problem in a mapping is reported."""

    def __init__(self) -> None:
        self.failed = False

    def __call__(self, read: Callable[[], T]) -> T | None:
        try:
            return read()
        except Invalid:
            self.failed = True
            return None

    def done(self, what: str) -> None:
        if self.failed:
            raise Invalid(what)
