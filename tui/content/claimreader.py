"""Readers for the claim registry: topics (`content/topics.yaml`), claims (`content/claims/*.yaml`)
and citations of claims (`{claim: id}` in `sources:`)."""

from __future__ import annotations

from typing import cast

from yaml.nodes import Node

from tui.content.model import Claim, ClaimQuote, Row, SourceRef, Strength, Text, Topic
from tui.content.problems import excerpt
from tui.content.reader import Gather, Invalid, QuoteUse, Reader, nfc


class ClaimReader(Reader):
    """Reads topics and claims into the registry, and resolves citations of claims."""

    # -- topics.yaml --------------------------------------------------------------------

    def topics_file(self, node: Node) -> tuple[Topic, ...]:
        f = self.mapping(node, "topics file", ("topics",))
        return self.each(f["topics"], "topics", self.topic, min_len=1)

    def topic(self, node: Node) -> Topic:
        f = self.mapping(node, "topic", ("id", "name"), ("rows",))
        g = Gather()
        topic_id = g(lambda: self.ident(f["id"], "topic id", define="topic"))
        name = g(lambda: self.text(f["name"], "name"))
        rows = g(lambda: self.each(f["rows"], "rows", self.row_def)) if "rows" in f else ()
        g.done("topic")
        for row in rows or ():
            self.registry.row_topics.setdefault(row.id, cast(str, topic_id))
        return Topic(cast(str, topic_id), cast(Text, name), rows or ())

    def row_def(self, node: Node) -> Row:
        f = self.mapping(node, "row", ("id", "label"))
        g = Gather()
        row_id = g(lambda: self.ident(f["id"], "row id", define="row"))
        label = g(lambda: self.text(f["label"], "label"))
        g.done("row")
        return Row(cast(str, row_id), cast(Text, label))

    # -- claims/NNN.yaml ----------------------------------------------------------------

    def claims_file(self, node: Node) -> tuple[Claim, ...]:
        f = self.mapping(node, "claims file", ("seed", "claims"))
        seed = self.seed_name(f["seed"])
        self.registry.referred.append(("seed", seed, (self.path, f["seed"])))
        return self.each(f["claims"], "claims", lambda n: self.claim(n, seed), min_len=1)

    def claim(self, node: Node, seed: str) -> Claim:
        f = self.mapping(node, "claim", ("id", "topic", "strength", "says", "quotes"), ("row",))
        g = Gather()
        claim_id = g(lambda: self.ident(f["id"], "claim id", define="claim"))
        topic = g(lambda: self.ident(f["topic"], "topic", refer="topic"))
        strength = g(lambda: self.strength(f["strength"]))
        says = g(lambda: self.text(f["says"], "says"))
        quotes = g(lambda: self.each(f["quotes"], "quotes", self.claim_quote, min_len=1))
        row = g(lambda: self.ident(f["row"], "row", refer="row")) if "row" in f else None
        g.done("claim")
        claim_id, topic, strength = cast(str, claim_id), cast(str, topic), cast(Strength, strength)
        if row is not None and self.registry.row_topics.get(row, topic) != topic:
            raise self.fail(
                f["row"],
                f"row '{excerpt(row)}' belongs to topic '{self.registry.row_topics[row]}', "
                f"not '{excerpt(topic)}'",
            )
        claim = Claim(claim_id, seed, topic, strength, cast(Text, says), quotes or (), row, self.where(node))
        self.registry.claims.setdefault(claim_id, claim)
        for quote_node, quote in zip(f["quotes"].value, claim.quotes, strict=True):
            key = (seed, nfc(quote.quote))
            self.registry.claim_quotes.setdefault(key, claim_id)
            site = (self.path, _value(quote_node, "quote"))
            self.registry.uses.append(QuoteUse(seed, key[1], strength, site, defines=True))
        return claim

    def claim_quote(self, node: Node) -> ClaimQuote:
        f = self.mapping(node, "claim quote", ("quote",), ("gloss",))
        g = Gather()
        quote = g(lambda: self.quote(f["quote"]))
        gloss = g(lambda: self.optional_string(f.get("gloss"), "gloss"))
        g.done("claim quote")
        return ClaimQuote(cast(str, quote), gloss, self.where(f["quote"]))

    # -- {claim: id} in sources ---------------------------------------------------------

    def claim_ref(self, node: Node) -> tuple[SourceRef, ...]:
        """A citation of a claim: all its quotes, or one excerpt of them (`quote:`). The claim's
        strength is the effective strength unless the citation reads it differently and says
        why (`strength` with `strength_note`)."""
        f = self.mapping(node, "claim source", ("claim",), ("quote", "gloss", "strength", "strength_note"))
        g = Gather()
        claim_id = g(lambda: self.ident(f["claim"], "claim", refer="claim"))
        part = g(lambda: self.quote(f["quote"])) if "quote" in f else None
        gloss = g(lambda: self.optional_string(f.get("gloss"), "gloss"))
        reading = g(lambda: self.strength(f["strength"])) if "strength" in f else None
        note = g(lambda: self.text(f["strength_note"], "strength_note")) if "strength_note" in f else None
        g.done("claim source")
        claim = self.registry.claims.get(cast(str, claim_id))
        if claim is None:
            raise Invalid("claim")  # unknown (or broken) claim: the id cross-check reports it
        if gloss is not None and part is None:
            raise self.fail(f["gloss"], "gloss goes with quote: a claim's own quotes carry their glosses")
        if note is not None and reading is None:
            raise self.fail(f["strength_note"], "strength_note goes with strength: the reading it explains")
        if reading is not None and reading == claim.strength:
            raise self.fail(f["strength"], f"strength {reading} is the claim's own; drop it")
        strength = reading or claim.strength
        where = self.where(f["claim"])
        quotes: tuple[tuple[str, str | None, Node], ...]
        if part is not None:
            whole = next((q for q in claim.quotes if nfc(part) in nfc(q.quote)), None)
            if whole is None:
                raise self.fail(
                    f["quote"], f"quote '{excerpt(part)}' is not part of the quotes of claim '{claim.id}'"
                )
            if gloss is None and nfc(part) == nfc(whole.quote):
                gloss = whole.gloss
            quotes = ((part, gloss, f["quote"]),)
        else:
            quotes = tuple((q.quote, q.gloss, f["claim"]) for q in claim.quotes)
        refs = []
        for quote, quote_gloss, site in quotes:
            use = QuoteUse(claim.seed, nfc(quote), strength, (self.path, site), note is not None)
            self.registry.uses.append(use)
            refs.append(SourceRef(claim.seed, quote, quote_gloss, strength, where, claim.id, note))
        return tuple(refs)

    def labelled(
        self, what: str, node: Node, strength: Strength | None, sources: tuple[SourceRef, ...] | None
    ) -> None:
        """An item's label must be the strength of one of the claims it cites: a bullet cannot
        relabel a promotional claim as stated."""
        cited = {ref.claim: ref.strength for ref in sources or () if ref.claim and ref.strength}
        if strength is None or not cited or strength in cited.values():
            return
        found = ", ".join(f"'{claim}' is {s}" for claim, s in cited.items())
        raise self.fail(node, f"{what} is labelled {strength} but none of its claims is ({found})")


def _value(node: Node, key: str) -> Node:
    """The value node of `key` in a mapping node that has been read (so it has the key)."""
    value: Node = next(v for k, v in node.value if k.value == key)
    return value
