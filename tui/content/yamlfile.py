"""Safe YAML reading into located nodes: no tags, no aliases, no duplicate keys, bounded size."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tui.content.problems import Problems

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
        return f"{name} ({node.value!r})" if node.value else name
    return TAG_NAMES.get(node.tag, "a tagged value")


def read_yaml(path: Path, problems: Problems) -> Node | None:
    """Compose a file into a node tree, or record why it can't be read and return None."""
    try:
        size = path.stat().st_size
    except OSError as error:
        problems.add(path, 1, 1, f"cannot read file: {error.strerror or error}")
        return None
    if size > MAX_BYTES:
        problems.add(path, 1, 1, f"file is too large ({size} bytes; the limit is {MAX_BYTES})")
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(path, 1, 1, f"file is not valid UTF-8 (byte {error.start})")
        return None
    except OSError as error:
        problems.add(path, 1, 1, f"cannot read file: {error.strerror or error}")
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
        message = f"invalid YAML: {error.problem or error.context}"
        if mark is None:
            problems.add(path, 1, 1, message)
        else:
            problems.add(path, mark.line + 1, mark.column + 1, message)
        return None
    except yaml.YAMLError as error:
        problems.add(path, 1, 1, f"invalid YAML: {error}")
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
    """Reject aliases (alias bombs, shared nodes), explicit tags and duplicate keys."""
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
        if isinstance(node, MappingNode):
            keys: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys:
                        first = keys[key.value].start_mark.line + 1
                        problems.at(path, key, f"duplicate key '{key.value}' (first on line {first})")
                        ok = False
                    keys[key.value] = key
                stack.append(value)
                stack.append(key)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return ok
