"""Safe YAML reading that remembers where each mapping came from.

Records are reported by file and line, so every mapping read here carries its line number.
Only plain YAML is accepted: no tag can construct a Python object.

Speed matters: a national build reads 15 MB of YAML. libyaml composes the node tree in C,
but PyYAML's generic resolver and constructor, written in Python, took longer than that.
`_LineLoader` keeps libyaml and PyYAML's safe constructors and only takes shortcuts for
the common nodes; the result is what a SafeLoader gives, except that dates stay text and
mappings are LineDicts.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from graph.problems import DataError, Problem

# libyaml's parser when PyYAML was built with it: the same safe constructors, much faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (if it is on) for the block.

    Reading records and building the dataset create millions of objects that all live until the
    end, and no reference cycles. Each allocation burst triggers collections that walk these
    objects again and again: about a quarter of YAML parsing, and 2 s of a million-triple build
    (graph.pipeline pauses it too). Reference counting still frees everything, so pausing the
    collector changes nothing else. The switch is process-wide; nested and concurrent pauses
    leave it as they found it, since only the pause that saw it on turns it back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"  # a `<<` key
_VALUE = "tag:yaml.org,2002:value"  # a `=` key, which flatten_mapping turns into text

# Scalar types whose constructors _LineLoader calls directly (text needs none).
_FAST_SCALARS = {"tag:yaml.org,2002:" + name for name in ("int", "float", "bool", "null")}

# SafeLoader's implicit types (bool, int, float, null, merge...) by the first character of a
# plain scalar, minus timestamps: dates stay text, parsed by graph.data.dates in the records' forms.
_IMPLICIT = {
    first: tuple((tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp")
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# SafeLoader has no resolvers that apply whatever the first character; resolve() relies on it.
assert None not in _IMPLICIT


class LineDict(dict):
    """A mapping read from YAML, with the 1-based line it starts on."""

    line: int = 0


class _LineLoader(_SafeLoader):
    """SafeLoader (libyaml's when available) that builds LineDicts, taking shortcuts for speed.

    The parser calls resolve() for every node and descend_resolver()/ascend_resolver()
    around it. PyYAML's versions also serve path resolvers, which a SafeLoader never has, so
    these do only the implicit-type lookup.

    construct_document() builds text, mappings, lists, numbers, booleans and nulls itself,
    without the generic construct_object() per node. Any other tag (binary, set, omap, an
    explicit !!timestamp, and every unsafe tag, which SafeConstructor rejects) goes to
    construct_object() as before.
    """

    _alias_sizes: dict = {}  # set afresh for each document by construct_document()
    _alias_total = 0

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:  # plain, untagged: may be a number, bool, null...
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def construct_document(self, node):
        try:
            return self._construct(node)
        finally:
            self.constructed_objects = {}
            self.recursive_objects = {}
            self._alias_sizes = {}
            self._alias_total = 0

    def _construct(self, node):
        kind = type(node)
        tag = node.tag
        if kind is ScalarNode:
            if tag == _STR:
                return node.value
            if tag in _FAST_SCALARS:
                try:
                    return self.yaml_constructors[tag](self, node)
                except ValueError:
                    if len(node.value) <= sys.get_int_max_str_digits():
                        raise  # an explicit tag its value cannot take (`!!int abc`): read_yaml reports it
                    # An integer of more digits than Python converts: say where, not only what.
                    raise _RefusedValue(
                        f"a number Python cannot read ({len(node.value):,} characters)",
                        node.start_mark,
                        "Quote it to keep it as text, or shorten it.",
                    ) from None
        elif kind is MappingNode and tag == _MAP or kind is SequenceNode and tag == _SEQ:
            if node in self.constructed_objects:
                self._count_alias(node)
                return self.constructed_objects[node]
            if node in self.recursive_objects:
                raise ConstructorError(None, None, "found unconstructable recursive node", node.start_mark)
            self.recursive_objects[node] = None
            data = self._mapping(node) if kind is MappingNode else self._sequence(node)
            self.constructed_objects[node] = data
            del self.recursive_objects[node]
            return data
        return self.construct_object(node, deep=True)

    # _sequence and _mapping take plain text (most nodes) straight from the node instead of
    # calling _construct: a method call per node costs a noticeable share of the parse.

    def _sequence(self, node: SequenceNode) -> list:
        construct = self._construct
        return [item.value if item.tag == _STR and type(item) is ScalarNode else construct(item) for item in node.value]

    def _mapping(self, node: MappingNode) -> LineDict:
        construct = self._construct
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            if key_node.tag == _STR and type(key_node) is ScalarNode:
                key = key_node.value
            elif key_node.tag in (_MERGE, _VALUE):
                # Merges (`<<`) are rare: let SafeConstructor rewrite this node's pairs, merged
                # ones first, then start again.
                self.flatten_mapping(node)
                return self._mapping(node)
            else:
                key = construct(key_node)
            _check_key(mapping, key, key_node)
            if value_node.tag == _STR and type(value_node) is ScalarNode:
                mapping[key] = value_node.value
            else:
                mapping[key] = construct(value_node)
        return mapping


    def construct_object(self, node, deep=False):
        if node in self.constructed_objects and type(node) is not ScalarNode:
            self._count_alias(node)
        return super().construct_object(node, deep=deep)

    def _count_alias(self, node) -> None:
        """Count what an alias (`*name`) of a list or mapping would expand to, and refuse too much.

        The composer hands an alias back as the very node it names, so a list or mapping met a
        second time is an alias, and the object built the first time is shared. That is cheap
        here, but anything that later walks or prints the value (a message, `str()`) expands it:
        nine nested aliases of nine items each in a few hundred bytes (a "billion laughs" file)
        make 9^10 elements. So every alias adds the size of its expansion to a budget per
        document, and past MAX_ALIAS_EXPANSION the file is refused at the anchor's line.
        """
        self._alias_total += _expanded_size(node, self._alias_sizes)
        if self._alias_total > MAX_ALIAS_EXPANSION:
            raise _RefusedValue(
                f"YAML aliases (*name) expand to more than {MAX_ALIAS_EXPANSION:,} values",
                node.start_mark,
                "Write the values out instead of repeating the list or mapping anchored on this line.",
            )


# How many values all the aliases of one document may expand to. Records need none; the
# project's own files use none; a legitimate file that repeats a block a few times stays far below.
MAX_ALIAS_EXPANSION = 10_000


class _RefusedValue(ConstructorError):
    """Well-formed YAML that is refused, with a hint of its own (not "fix the syntax")."""

    def __init__(self, problem: str, mark, hint: str):
        super().__init__(None, None, problem, mark)
        self.hint = hint


def _expanded_size(node, sizes: dict) -> int:
    """How many nodes `node` stands for once every alias inside it is expanded (memoised per node)."""
    if type(node) is ScalarNode:
        return 1
    if node not in sizes:
        sizes[node] = 0  # a node inside itself is caught by the recursion check, not here
        children = (n for pair in node.value for n in pair) if type(node) is MappingNode else iter(node.value)
        sizes[node] = 1 + sum(_expanded_size(child, sizes) for child in children)
    return sizes[node]


def _construct_mapping(loader: _LineLoader, node: MappingNode) -> LineDict:
    """A mapping reached through construct_object(), i.e. inside a tag without a shortcut."""
    mapping = LineDict()
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        _check_key(mapping, key, key_node)
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping.line = node.start_mark.line + 1
    return mapping


def _check_key(mapping: dict, key, key_node) -> None:
    """Reject a key the mapping already has, or one that cannot be a key at all."""
    try:
        duplicate = key in mapping
    except TypeError:  # a list or mapping as a key
        raise ConstructorError(None, None, f"unhashable key {key!r}", key_node.start_mark) from None
    if duplicate:
        raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)


_LineLoader.add_constructor(_MAP, _construct_mapping)


# The largest YAML file read, far above any records file of a national corpus; a larger one is
# refused before it is parsed, so a stray dump cannot exhaust memory.
MAX_YAML_BYTES = 64 * 1024 * 1024


def read_yaml(path: Path, shown_as: str):
    """Parse one YAML file; a syntax error becomes a DataError naming file and line."""
    try:
        if path.is_dir():
            hint = "Rename it so its name does not end in .yaml."
            raise DataError([Problem(shown_as, 0, "a folder, not a file", hint=hint)])
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise DataError(
                [
                    Problem(
                        shown_as,
                        0,
                        f"file too large: {size:,} bytes (the limit is {MAX_YAML_BYTES:,})",
                        hint="Split the records into several files.",
                    )
                ]
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(shown_as, 0, "file not found")]) from None
    except UnicodeDecodeError as error:
        raise DataError(
            [Problem(shown_as, 0, "not UTF-8 text", hint=f"Save the file as UTF-8 ({error.reason}).")]
        ) from None
    try:
        with gc_paused():  # see gc_paused: libyaml allocates several objects per node
            return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        snippet = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
        refused = isinstance(error, _RefusedValue)
        raise DataError(
            [
                Problem(
                    shown_as,
                    line,
                    error.problem if refused else f"malformed YAML: {error.problem or error.context}",
                    snippet if len(snippet) <= 120 else snippet[:119] + "…",
                    getattr(error, "hint", "Fix the YAML syntax (indentation, quoting, a missing colon)."),
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(shown_as, 0, f"malformed YAML: {error}")]) from None
    except ValueError as error:  # an explicit tag its value does not fit, such as `!!int abc`
        raise DataError(
            [Problem(shown_as, 0, f"malformed YAML: {error}", hint="Remove the `!!` tag or correct its value.")]
        ) from None
