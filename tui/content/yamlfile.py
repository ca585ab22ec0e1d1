"""Safe YAML reading into located nodes: no tags, no aliases, no duplicate keys, bounded size,
regular files only, and no control characters anywhere (keys, values, ids)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.content.files import Unreadable, read_regular
from tui.content.problems import Problems, excerpt, printable

# libyaml's composer is ~10x faster than PyYAML's pure-Python one; both give node marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64  # libyaml's composer recurses per level and can crash on deep nesting
MAX_INDENT = 256

STR = "tag:yaml.org,2002:str"
TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
    STR: "a string",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
}


def describe(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag == STR:
        return "a string"
    if isinstance(node, ScalarNode):
        name = TAG_NAMES.get(node.tag, "a tagged value")
        return f"{name} ('{excerpt(node.value)}')" if node.value else name
    return TAG_NAMES.get(node.tag, "a tagged value")


# Characters a course file may not contain raw: C0 controls other than tab, LF and CR (YAML
# line breaks), DEL, C1 controls (NEL is a YAML line break that editors do not count), the
# line/paragraph separators, and bidi embeddings, overrides and isolates.
RAW_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# In a string value (after YAML escapes such as "\e" or "\u009b" are decoded) only the
# newline is allowed: a tab or carriage return is refused too.
VALUE_FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def control_message(ch: str) -> str:
    name = {"\t": "a tab (use spaces)", "\r": "a carriage return"}.get(ch, "a control character")
    return f"{name} ({printable(ch)}, U+{ord(ch):04X}) is not allowed in course text"


def read_yaml(path: Path, problems: Problems, digests: dict[Path, str] | None = None) -> Node | None:
    """Compose a file into a node tree, or record why it can't be read and return None.

    `digests`, when given, receives the sha256 of the bytes that were read (for the cache key).
    """
    try:
        data = read_regular(path, MAX_BYTES)
    except Unreadable as error:
        message = error.reason if error.too_large else f"cannot read file: {error.reason}"
        problems.add(path, 1, 1, message)
        return None
    if digests is not None:
        digests[path] = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(path, 1, 1, f"file is not valid UTF-8 (byte {error.start})")
        return None
    raw = RAW_FORBIDDEN.search(text)
    if raw is not None:
        line = text.count("\n", 0, raw.start()) + 1
        col = raw.start() - (text.rfind("\n", 0, raw.start()) + 1) + 1
        problems.add(path, line, col, control_message(raw.group()))
        return None
    deep = _too_deep(text)
    if deep is not None:
        problems.add(
            path, deep, 1, f"nested too deeply (more than {MAX_DEPTH} levels or {MAX_INDENT} columns)"
        )
        return None
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"invalid YAML: {excerpt(str(error.problem or error.context), 200)}"
        if mark is None:
            problems.add(path, 1, 1, message)
        else:
            problems.add(path, mark.line + 1, mark.column + 1, message)
        return None
    except yaml.YAMLError as error:
        problems.add(path, 1, 1, f"invalid YAML: {excerpt(str(error), 200)}")
        return None
    except RecursionError:
        problems.add(path, 1, 1, "invalid YAML: nested too deeply")
        return None
    if node is None:
        problems.add(path, 1, 1, "file is empty")
        return None
    if not _well_formed(node, path, problems):
        return None
    return node


_NOT_BRACKET = re.compile(r"[^\[\]{}\n]+")
_DEEP_INDENT = re.compile(rf"^ {{{MAX_INDENT + 1},}}", re.MULTILINE)


def _too_deep(text: str) -> int | None:
    """The line where brackets nest past MAX_DEPTH or indentation passes MAX_INDENT.

    Brackets inside quoted strings count too: content never nests them that deeply.
    """
    indented = _DEEP_INDENT.search(text)
    depth, line = 0, 1
    for ch in _NOT_BRACKET.sub("", text):
        if ch == "\n":
            line += 1
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return min(line, text.count("\n", 0, indented.start()) + 1) if indented else line
        else:
            depth = max(0, depth - 1)
    return text.count("\n", 0, indented.start()) + 1 if indented else None


def _well_formed(root: Node, path: Path, problems: Problems) -> bool:
    """Reject aliases (alias bombs, shared nodes), explicit tags, duplicate keys, and control
    characters in any scalar (keys and ids included)."""
    seen: set[int] = set()
    stack = [root]
    ok = True
    while stack:
        node = stack.pop()
        if id(node) in seen:
            problems.at(path, node, "anchors and aliases are not allowed in content")
            return False
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            problems.at(path, node, f"file has too many values (limit {MAX_NODES})")
            return False
        if isinstance(node, ScalarNode):
            bad = VALUE_FORBIDDEN.search(node.value)
            if bad is not None:
                where = f" (character {bad.start() + 1} of the value)" if bad.start() else ""
                problems.at(path, node, control_message(bad.group()) + where)
                ok = False
        elif isinstance(node, MappingNode):
            keys: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys:
                        first = keys[key.value].start_mark.line + 1
                        message = f"duplicate key '{excerpt(key.value)}' (first on line {first})"
                        problems.at(path, key, message)
                        ok = False
                    keys[key.value] = key
                stack.append(value)
                stack.append(key)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return ok
