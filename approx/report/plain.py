"""A record as plain JSON values, and back: the one pair of functions every record goes through.

`as_plain` writes a record (approx.report.records) as claims.json keeps it,
key for key in the order of its fields, which is the schema's
(claims.schema.json); `from_plain` makes the same record again from it, by
its fields' types. A worker sends its tests' pieces of evidence to the xdist
controller the same way, `whole`: with what the file leaves out (a figure's
image, the per-seed samples), which a field marks with `OFF_FILE`.

A key missing from the data takes its field's default, so a file written
before a field existed still reads; a key the record does not know is left
alone. A field that is worked out from the others (`init=False`, such as a
claim's section) is written, and worked out again on reading.
"""

import dataclasses
import functools
import types
import typing

OFF_FILE = {"in_file": False}  # a field's metadata: sent from a worker, but not kept in claims.json


def as_plain(value, whole: bool = False):
    """`value` as JSON values: a record as an object, tuples as arrays; `whole` keeps what the file leaves out."""
    if dataclasses.is_dataclass(value):
        return {f.name: as_plain(getattr(value, f.name), whole) for f in dataclasses.fields(value)
                if whole or f.metadata.get("in_file", True)}
    if isinstance(value, list | tuple):
        return [as_plain(item, whole) for item in value]
    if isinstance(value, dict):
        return {key: as_plain(item, whole) for key, item in value.items()}
    return value


def from_plain(kind, data):
    """The value of type `kind` that `as_plain` wrote as `data`."""
    if data is None:
        return None
    if dataclasses.is_dataclass(kind):
        return _record(kind, data)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):  # X | None: None was read above
        return from_plain(next(a for a in args if a is not type(None)), data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], item) for item in data)
        return tuple(from_plain(a, item) for a, item in zip(args, data, strict=True))
    if origin is list:
        return [from_plain(args[0], item) for item in data]
    if origin is dict:
        return {key: from_plain(args[1], item) for key, item in data.items()}
    return data  # a number, a string, a truth value, or an untyped dict


def _record(kind, data: dict):
    hints = _hints(kind)
    return kind(**{f.name: from_plain(hints[f.name], data[f.name]) for f in dataclasses.fields(kind)
                   if f.init and f.name in data})


@functools.cache
def _hints(kind) -> dict:
    return typing.get_type_hints(kind)
