"""Which keys of a JSON instance its schema does not name.

Our schemas let objects carry extra properties (a later version may add fields), so validation
alone never notices a key the schema forgot; a program reading our JSON relies on every key being
documented. :func:`undocumented` walks an instance against its schema the way a validator does —
following ``$ref``, ``allOf``/``anyOf``/``oneOf``, ``if``/``then``/``else``, ``dependentSchemas``,
``items``/``prefixItems``, ``properties``, ``patternProperties`` and ``additionalProperties`` — and
reports every key that no schema applying to its object names. A key counts as named by an
``anyOf``/``oneOf`` branch only when the instance validates against that branch; it counts as named
by ``additionalProperties`` only when that is a real schema (not ``true`` or ``{}``), as in a map
from free keys to values of one documented shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema

Schema = dict[str, Any] | bool


def undocumented(instance: object, root: dict[str, Any]) -> list[str]:
    """Paths (``changes[].old.line``, ``sections[].children[].byline``…) of the keys in
    ``instance`` that ``root`` (a draft 2020-12 schema) does not document, sorted."""
    validator = jsonschema.Draft202012Validator(root)
    return sorted(set(_walk(instance, [root], root, validator, "")))


def _walk(
    instance: object,
    schemas: list[Schema],
    root: dict[str, Any],
    validator: jsonschema.Draft202012Validator,
    path: str,
) -> Iterator[str]:
    applying = [s for schema in schemas for s in _applying(instance, schema, root, validator)]
    if isinstance(instance, dict):
        for key, value in instance.items():
            children = [c for s in applying for c in _property_schemas(s, key)]
            where = f"{path}.{key}" if path else key
            if not children:
                yield where
            else:
                yield from _walk(value, children, root, validator, where)
    elif isinstance(instance, list):
        for index, item in enumerate(instance):
            children = [c for s in applying for c in _item_schemas(s, index)]
            yield from _walk(item, children, root, validator, f"{path}[]")


def _applying(
    instance: object,
    schema: Schema,
    root: dict[str, Any],
    validator: jsonschema.Draft202012Validator,
) -> Iterator[dict[str, Any]]:
    """``schema`` and every subschema that applies to ``instance`` at the same place."""
    if isinstance(schema, bool):
        return
    yield schema
    if "$ref" in schema:
        yield from _applying(instance, _resolve(schema["$ref"], root), root, validator)
    for sub in schema.get("allOf", []):
        yield from _applying(instance, sub, root, validator)
    for keyword in ("anyOf", "oneOf"):
        for sub in schema.get(keyword, []):
            if _is_valid(instance, sub, validator):
                yield from _applying(instance, sub, root, validator)
    if "if" in schema:
        branch = "then" if _is_valid(instance, schema["if"], validator) else "else"
        if branch in schema:
            yield from _applying(instance, schema[branch], root, validator)
    if isinstance(instance, dict):
        for key, sub in schema.get("dependentSchemas", {}).items():
            if key in instance:
                yield from _applying(instance, sub, root, validator)


def _property_schemas(schema: dict[str, Any], key: str) -> list[Schema]:
    """The subschemas of ``schema`` that name ``key`` as a property."""
    named: list[Schema] = []
    if key in schema.get("properties", {}):
        named.append(schema["properties"][key])
    named += [s for p, s in schema.get("patternProperties", {}).items() if re.search(p, key)]
    extra = schema.get("additionalProperties")
    if not named and isinstance(extra, dict) and extra:
        named.append(extra)
    return named


def _item_schemas(schema: dict[str, Any], index: int) -> list[Schema]:
    """The subschemas of ``schema`` that describe the array item at ``index``."""
    prefix = schema.get("prefixItems", [])
    if index < len(prefix):
        return [prefix[index]]
    items = schema.get("items")
    return [items] if isinstance(items, dict) and items else []


def _resolve(reference: str, root: dict[str, Any]) -> Schema:
    """A local reference (``#/$defs/name``, any JSON pointer into this schema)."""
    if not reference.startswith("#"):
        raise ValueError(f"only references inside the schema are followed, not {reference!r}")
    node: Any = root
    for part in reference[1:].split("/")[1:]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node  # type: ignore[no-any-return]


def _is_valid(instance: object, schema: Schema, validator: jsonschema.Draft202012Validator) -> bool:
    return bool(validator.evolve(schema=schema).is_valid(instance))
