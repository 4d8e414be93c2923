"""YAML text to plain dicts and lists that remember the line each item and key came from."""

from __future__ import annotations

import re
from typing import Any

import yaml

from interview_app.text import Message


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


class YamlProblem(Exception):
    def __init__(self, line: int, message: Message) -> None:
        super().__init__(str(message))
        self.line = line
        self.message = message


MAX_DEPTH = 64
# Bounds for text nobody should trust: the default script is about 50 KB and 10,000 nodes.
MAX_SCRIPT_BYTES = 1024 * 1024
# Nodes after aliases are expanded: a 300-byte "billion laughs" script names 10**9 of them.
MAX_NODES = 200_000


class ScriptLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: only true/false are booleans, so the country code
    NO (Norway) or a choice value `yes` stays text, as a supervisor writing the file expects."""


ScriptLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ScriptLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def parse_yaml(text: str) -> Any:
    """Parse YAML text into LineDict/LineList/scalars. Raises YamlProblem for bad YAML,
    duplicate keys, non-text keys, absurd nesting, a text over MAX_SCRIPT_BYTES and aliases
    that expand to more than MAX_NODES nodes."""
    if len(text) > MAX_SCRIPT_BYTES:
        raise YamlProblem(0, too_large_message(len(text.encode("utf-8", "replace"))))
    try:
        loader = ScriptLoader(text)
    except yaml.YAMLError as exc:
        raise YamlProblem(0, Message(f"YAML tidak sah: {exc}", f"invalid YAML: {exc}")) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            detail = f"{exc.problem or ''} {exc.context or ''}".strip()
            raise YamlProblem(
                line,
                Message(f"YAML tidak sah: {detail}", f"invalid YAML: {detail}"),
            ) from None
        except yaml.YAMLError as exc:
            raise YamlProblem(
                0, Message(f"YAML tidak sah: {exc}", f"invalid YAML: {exc}")
            ) from None
        except RecursionError:
            raise YamlProblem(
                0, Message("struktur YAML terlalu dalam", "YAML structure nested too deeply")
            ) from None
        if node is None:
            return None
        _expanded_size(node, {}, set(), 0)
        return _convert(loader, node, 0)
    finally:
        loader.dispose()


def too_large_message(size: int) -> Message:
    limit = MAX_SCRIPT_BYTES // 1024
    return Message(
        f"berkas terlalu besar ({size // 1024} KB; paling besar {limit} KB)",
        f"the file is too large ({size // 1024} KB; at most {limit} KB)",
    )


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int], depth: int) -> int:
    """How many nodes `node` stands for once every alias is written out (each shared node is
    counted once per use, as the conversion would build it), without building anything.
    Refuses recursive aliases, nesting past MAX_DEPTH and a total past MAX_NODES."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    line = node.start_mark.line + 1
    if id(node) in open_nodes:
        raise YamlProblem(
            line,
            Message("alias YAML merujuk dirinya sendiri", "a YAML alias refers to itself"),
        )
    if depth > MAX_DEPTH:
        raise YamlProblem(
            line, Message("struktur YAML terlalu dalam", "YAML structure nested too deeply")
        )
    total = 1
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode):
        open_nodes.add(id(node))
        children: list[yaml.Node] = (
            list(node.value)
            if isinstance(node, yaml.SequenceNode)
            else [part for pair in node.value for part in pair]
        )
        for child in children:
            total += _expanded_size(child, sizes, open_nodes, depth + 1)
            if total > MAX_NODES:
                raise YamlProblem(
                    line,
                    Message(
                        f"alias YAML (&/*) membuat naskah terlalu besar (lebih dari {MAX_NODES:,}"
                        " bagian)".replace(",", "."),
                        f"YAML aliases (&/*) make the script too large (over {MAX_NODES:,} parts)",
                    ),
                )
        open_nodes.discard(id(node))
    sizes[id(node)] = total
    return total


def _convert(loader: ScriptLoader, node: yaml.Node, depth: int) -> Any:
    line = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise YamlProblem(
            line, Message("struktur YAML terlalu dalam", "YAML structure nested too deeply")
        )
    if isinstance(node, yaml.MappingNode):
        result = LineDict()
        result.line = line
        result.key_lines = {}
        try:
            loader.flatten_mapping(node)
        except yaml.YAMLError as exc:
            raise YamlProblem(
                line, Message(f"YAML tidak sah: {exc}", f"invalid YAML: {exc}")
            ) from None
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool) or key is None:
                raise YamlProblem(
                    key_line, Message("kunci harus berupa teks", "a key must be plain text")
                )
            key = str(key)
            if key in result:
                raise YamlProblem(
                    key_line,
                    Message(f"kunci '{key}' ditulis dua kali", f"key '{key}' appears twice"),
                )
            result[key] = _convert(loader, value_node, depth + 1)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_convert(loader, item, depth + 1) for item in node.value)
        items.line = line
        return items
    return _scalar(loader, node)


def _scalar(loader: ScriptLoader, node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        line = node.start_mark.line + 1
        raise YamlProblem(line, Message("kunci harus berupa teks", "a key must be plain text"))
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        line = node.start_mark.line + 1
        raise YamlProblem(
            line, Message(f"nilai tidak sah: {exc}", f"invalid value: {exc}")
        ) from None
