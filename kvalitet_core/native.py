"""The native formats: YAML (human-editable) and JSON, both ways, losslessly.

YAML keeps the model's field order, writes multi-line text as block scalars and is read with the
safe loader only (the C loader when PyYAML has it). Aliases are refused before anything is
built, so a "billion laughs" file costs nothing; python-specific tags are refused by the safe
loader itself. A key given twice in one mapping is refused with its line (YAML would silently
keep the last, losing what a person typed first), and a value YAML reads as a number or a yes/no
where the model wants text gets a hint to quote it. A stream may hold several visits: YAML documents separated by ``---``, or a JSON
array.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from kvalitet_core.errors import InputError, NotAVisitError, describe_validation_error
from kvalitet_core.model import SCHEMA_NAME, SCHEMA_VERSION, Visit

try:
    _SafeLoader: type = yaml.CSafeLoader
    _SafeDumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader
    _SafeDumper = yaml.SafeDumper


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Safe dumper that writes multi-line strings as literal block scalars.

    A visit is plain JSON-shaped data (``model_dump``), mostly strings, mappings and lists: those
    are represented and resolved here directly, with the nodes and tags PyYAML's generic
    dispatch would give them (the output is the same to the byte); writing a visit took half as
    long again through that dispatch. Anything else goes the generic way.
    """

    def ignore_aliases(self, data: Any) -> bool:
        """Always: a dumped visit is a tree (``model_dump`` builds every list and mapping anew), so
        there is never an alias to write, and looking for them cost a tenth of dumping."""
        return True

    def represent_data(self, data: Any) -> yaml.Node:
        kind = type(data)
        if kind is str:
            return yaml.ScalarNode(_STR, data, style="|" if "\n" in data else self.default_style)
        if self.default_flow_style is not None:  # else the generic way chooses each node's style
            if kind is dict:
                pairs = [(self.represent_data(key), self.represent_data(value)) for key, value in data.items()]
                return yaml.MappingNode(_MAP, pairs, flow_style=self.default_flow_style)
            if kind is list:
                return yaml.SequenceNode(_SEQ, [self.represent_data(item) for item in data],
                                         flow_style=self.default_flow_style)
        return super().represent_data(data)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        """The tag a node would get implicitly: the default one unless a resolver could claim the
        value (they are looked up by its first character), as the generic resolver decides."""
        if not self.yaml_path_resolvers and None not in self.yaml_implicit_resolvers:
            if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in self.yaml_implicit_resolvers)):
                return self.DEFAULT_SCALAR_TAG
            if kind is yaml.MappingNode:
                return self.DEFAULT_MAPPING_TAG
            if kind is yaml.SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG
        return super().resolve(kind, value, implicit)


def visit_to_data(visit: Visit) -> dict[str, Any]:
    """The visit as plain data in field order, with every field present."""
    return visit.model_dump(mode="json", by_alias=True)


def dump_yaml(visits: Sequence[Visit]) -> str:
    """Serialise visits as YAML, one document each."""
    return join_yaml_documents(yaml_document(visit) for visit in visits)


def yaml_document(visit: Visit) -> str:
    """One visit as a YAML document, without a document marker."""
    return yaml.dump(visit_to_data(visit), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)


def join_yaml_documents(documents: Iterable[str]) -> str:
    """Documents as one YAML stream: a lone document as it is, several each after a ``---``."""
    documents = iter(documents)
    first, second = next(documents, None), next(documents, None)
    if second is None:
        return first or ""
    return "".join(f"---\n{document}" for document in (first, second, *documents))


def dump_json(visits: Sequence[Visit], indent: int | None = 2) -> str:
    """Serialise one visit as a JSON object, several as a JSON array."""
    return join_json_objects((json_object(visit, indent) for visit in visits), indent)


def json_object(visit: Visit, indent: int | None = 2) -> str:
    """One visit as a JSON object, without a trailing newline."""
    return json.dumps(visit_to_data(visit), ensure_ascii=False, indent=indent)


def join_json_objects(objects: Iterable[str], indent: int | None = 2) -> str:
    """Objects made by ``json_object`` as ``json.dumps`` writes them together: a lone object as
    it is, several as an array whose items are indented one level deeper."""
    objects = list(objects)
    if len(objects) == 1:
        return objects[0] + "\n"
    if indent is None:
        return "[" + ", ".join(objects) + "]\n"
    pad = " " * indent
    nested = (pad + text.replace("\n", "\n" + pad) for text in objects)  # JSON text has no raw newline in strings
    return "[\n" + ",\n".join(nested) + "\n]\n" if objects else "[]\n"


def load_yaml(text: str | bytes, source: str = "<yaml>") -> list[Visit]:
    """Parse YAML text into visits; raise InputError with a one-line reason."""
    loader = _SafeLoader(text)
    documents = []
    try:
        while loader.check_node():
            node = loader.get_node()
            _check_nodes(node, source)
            documents.append(loader.construct_document(node))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InputError(f"not valid YAML{where}: {error.problem}", source) from None
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML: {str(error).splitlines()[0]}", source) from None
    except ValueError as error:  # a number too long to convert (Python's limit), or a bad date
        raise InputError(f"not valid YAML: {_value_problem(error)}", source) from None
    finally:
        loader.dispose()
    return visits_from_data(documents, source)


def _check_nodes(root: yaml.Node, source: str) -> None:
    """Walk the composed node graph before anything is built: a node met twice is an alias,
    which visits never need, and a key met twice in one mapping is a duplicate."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            mark = node.start_mark
            raise InputError(f"YAML aliases are not supported (line {mark.line + 1})", source)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            keys: set[object] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise InputError(f"duplicate key '{key.value}' (line {key.start_mark.line + 1})", source)
                    keys.add(key.value)
                stack.extend((key, value))


def load_json(text: str | bytes, source: str = "<json>") -> list[Visit]:
    """Parse JSON text (an object or an array of objects) into visits."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"not valid JSON: {error}", source) from None
    except ValueError as error:  # a number too long to convert (Python's limit)
        raise InputError(f"not valid JSON: {_value_problem(error)}", source) from None
    return visits_from_data(data if isinstance(data, list) else [data], source)


def visits_from_data(documents: Iterable[Any], source: str) -> list[Visit]:
    """Validate parsed documents as visits, checking the schema name and version first."""
    visits = []
    for index, document in enumerate(documents):
        where = f"document {index + 1}: " if index else ""
        if document is None:
            continue
        if not isinstance(document, dict):
            raise InputError(f"{where}expected a mapping of visit fields, found {type(document).__name__}", source)
        schema, version = document.get("schema"), document.get("schema_version")
        if schema != SCHEMA_NAME:
            found = "no 'schema' field" if schema is None else f"schema is {schema!r}"
            raise NotAVisitError(f"{where}not a kvalitet visit ({found}, expected {SCHEMA_NAME!r})", source)
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise InputError(
                f"{where}schema version {version} is newer than this kvalitet reads ({SCHEMA_VERSION}); upgrade kvalitet",
                source,
            )
        try:
            visits.append(Visit.model_validate(document))
        except ValidationError as error:
            raise InputError(f"{where}{describe_validation_error(error)}{_quoting_hint(error)}", source) from None
    if not visits:
        raise InputError("holds no visit", source)
    return visits


def _value_problem(error: ValueError) -> str:
    """A value the parser could not convert, in words: Python's own message for an over-long
    number points at ``sys.set_int_max_str_digits``, which means nothing to a person editing a file."""
    if "digits" in str(error):
        return "a number is far too long (thousands of digits)"
    return str(error).splitlines()[0]


def _quoting_hint(error: ValidationError) -> str:
    """A hint for the commonest hand-editing slip: YAML reads an unquoted ``1`` or ``4.10`` as a
    number and ``no`` or ``yes`` as a truth value, where the model wants the text as written."""
    for problem in error.errors():
        value = problem.get("input")
        if problem.get("type") != "string_type":
            continue
        if isinstance(value, bool):
            return " (YAML reads an unquoted yes/no/true/false as a truth value: put the text in quotes, e.g. 'no')"
        if isinstance(value, int | float):
            return f" (YAML reads an unquoted {value} as a number: put it in quotes, e.g. '{value}')"
    return ""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a serialised visit (what ``kvalitet schema`` prints)."""
    schema = TypeAdapter(Visit).json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:kvalitet:visit:{SCHEMA_VERSION}"
    return schema
