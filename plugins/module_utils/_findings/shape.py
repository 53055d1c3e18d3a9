# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

Reading a parsed JSON document whose shape nobody promised: every parser takes values through
these helpers, so a wrong shape is a FindingError that says where ("alerts[3].instances is a
string, expected a list"), and any other exception leaving a parser is a bug in the parser.
`where` is the path of the value in the document as people would write it ("" is the top).
"""

import math

from .model import FindingError


def _kind(value):
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _at(where, key):
    return f"{where}.{key}" if where else str(key)


def mapping(value, where):
    """`value` when it is a JSON object."""
    if not isinstance(value, dict):
        raise FindingError(f"{where or 'the report'} is {_kind(value)}, expected an object")
    return value


def optional_mapping(container, key, where):
    """container[key] as an object; {} when it is missing or null."""
    value = container.get(key)
    return {} if value is None else mapping(value, _at(where, key))


def listing(container, key, where):
    """container[key] as a list; [] when it is missing or null."""
    value = container.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise FindingError(f"{_at(where, key)} is {_kind(value)}, expected a list")
    return value


def objects(container, key, where):
    """(path, object) of each entry of the list container[key]; [] when it is missing or null."""
    entries = listing(container, key, where)
    paths = (f"{_at(where, key)}[{index}]" for index in range(len(entries)))
    return [(path, mapping(entry, path)) for path, entry in zip(paths, entries)]


def required(container, key, where):
    """container[key], which must be there and not null."""
    if container.get(key) is None:
        raise FindingError(f"expected key {key!r} is missing" + (f" in {where}" if where else ""))
    return container[key]


def text(value, where):
    """A string from a JSON string or number (some tools write ids as numbers); None stays None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise FindingError(f"{where} is {_kind(value)}, expected text")


def field(container, key, where):
    """container[key] as text (see text()); None when it is missing."""
    return text(container.get(key), _at(where, key))


def texts(container, key, where):
    """container[key] as a list of strings (numbers read as text)."""
    return [text(value, f"{_at(where, key)}[{index}]") for index, value in enumerate(listing(container, key, where))]


def number(value, where):
    """A float from a JSON number or a numeric string; None stays None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise FindingError(f"{where} is {_kind(value)}, expected a number")
    try:
        return float(value)
    except ValueError:
        raise FindingError(f"{where} is {value!r}, expected a number") from None


def integer(value, where):
    """An int (a line or column) from a JSON number or a numeric string; None stays None."""
    score = number(value, where)
    if score is None:
        return None
    if not math.isfinite(score) or score != int(score):
        raise FindingError(f"{where} is {value!r}, expected a whole number")
    return int(score)
