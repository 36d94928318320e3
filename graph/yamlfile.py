"""Safe YAML reading that remembers where each mapping came from.

Records are reported by file and line, so every mapping read here carries its line number.
Only plain YAML is accepted: no tag can construct a Python object.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from graph.problems import DataError, Problem

# libyaml's parser when PyYAML was built with it: the same safe constructors, much faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """SafeLoader whose mappings are LineDicts."""


class LineDict(dict):
    """A mapping read from YAML, with the 1-based line it starts on."""

    line: int = 0


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates and times stay text: the records' own date forms are parsed by graph.dates.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path, shown_as: str):
    """Parse one YAML file; a syntax error becomes a DataError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(shown_as, 0, "file not found")]) from None
    except UnicodeDecodeError as error:
        raise DataError(
            [Problem(shown_as, 0, "not UTF-8 text", hint=f"Save the file as UTF-8 ({error.reason}).")]
        ) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        snippet = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
        raise DataError(
            [
                Problem(
                    shown_as,
                    line,
                    f"malformed YAML: {error.problem or error.context}",
                    snippet,
                    "Fix the YAML syntax (indentation, quoting, a missing colon).",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(shown_as, 0, f"malformed YAML: {error}")]) from None
