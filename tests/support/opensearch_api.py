"""Check OpenSearch data-plane requests against the OpenSearch API specification, as Stubber checks AWS calls.

No OpenSearch server runs here. The specification (OpenAPI 3.1, multi-file, tests/fixtures/opensearch-api-spec)
is the service model: a request must match an operation by method and path, its query parameters must be ones
the operation (or every operation) declares, with values of the declared type, and its JSON body must validate
against the operation's request body schema, $refs resolved across files. Beyond JSON Schema, a body may hold
only the properties the schema names where it names them (the specification rarely closes its objects, and an
unknown key is the typo a real server would refuse or, worse, ignore).

    spec = OpenSearchAPI.load()
    operation = spec.validate("PUT", "/_index_template/waf-logs", {}, body)   # raises RequestRefused
"""

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.support.paths import ROOT

SPEC = ROOT / "tests" / "fixtures" / "opensearch-api-spec" / "spec"
METHODS = ("get", "put", "post", "delete", "head", "patch")


class RequestRefused(AssertionError):
    """The request is not one the specification describes."""


class _SpecLoader(yaml.SafeLoader):
    """YAML 1.2 scalars: only true/false are booleans and dates stay strings, as the JSON the spec describes."""


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SpecLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _pointer(document, fragment):
    node = document
    for part in fragment.lstrip("/").split("/") if fragment.strip("/") else []:
        node = node[unquote(part).replace("~1", "/").replace("~0", "~")]
    return node


class Operation:
    def __init__(self, method, template, operation, uri):
        self.method = method
        self.template = template
        self.id = operation["operationId"]
        self.group = operation.get("x-operation-group", self.id)
        self.definition = operation
        self.uri = uri
        # Literal segments outrank {parameters}: /_plugins/_alerting/monitors/_search is not monitor "_search".
        self.literal_segments = sum(1 for part in template.strip("/").split("/") if not part.startswith("{"))
        pattern = re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(template.rstrip("/") or "/"))
        self.regex = re.compile(f"^{pattern}/?$")


class OpenSearchAPI:
    def __init__(self, root):
        self.root = Path(root)
        self.documents = {
            path.resolve().as_uri(): yaml.load(path.read_text(), Loader=_SpecLoader) for path in self.root.rglob("*.yaml")
        }
        self.registry = Registry().with_resources(
            (uri, Resource.from_contents(document, default_specification=DRAFT202012))
            for uri, document in self.documents.items()
        )
        self.global_parameters = self._globals()
        self.operations = [
            Operation(method.upper(), template, item[method], uri)
            for uri, document in self.documents.items()
            if "/namespaces/" in uri
            for template, item in (document.get("paths") or {}).items()
            for method in METHODS
            if method in item
        ]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls):
        return cls(SPEC)

    # -- $refs of the OpenAPI layer (parameters, request bodies) ------------------------------------
    def resolve(self, node, uri):
        """Follow `node`'s $ref (relative to document `uri`) to (the node it names, that node's document uri)."""
        while isinstance(node, dict) and "$ref" in node:
            target, _hash, fragment = node["$ref"].partition("#")
            uri = str(Path(unquote(uri[len("file://"):])).parent.joinpath(target).resolve().as_uri()) if target else uri
            node = _pointer(self.documents[uri], fragment)
        return node, uri

    def _globals(self):
        uri = (self.root / "_global_parameters.yaml").resolve().as_uri()
        return {
            parameter["name"]: (parameter["schema"], uri)
            for parameter in self.documents[uri]["components"]["parameters"].values()
        }

    def parameters(self, operation):
        """{(in, name): (schema, uri, required)} for an operation."""
        found = {}
        for reference in operation.definition.get("parameters", []):
            parameter, uri = self.resolve(reference, operation.uri)
            found[(parameter["in"], parameter["name"])] = (parameter.get("schema", {}), uri, parameter.get("required", False))
        return found

    def body_schema(self, operation):
        """The request body's JSON schema as {"$ref": absolute uri}, or None when the operation takes no body."""
        if "requestBody" not in operation.definition:
            return None, False
        body, uri = self.resolve(operation.definition["requestBody"], operation.uri)
        media = body.get("content", {})
        media_type = "application/json" if "application/json" in media else next(iter(media), None)
        schema = media[media_type]["schema"] if media_type else {}
        schema, uri = self.resolve(schema, uri) if "$ref" in schema else (schema, uri)
        return (schema, uri), body.get("required", False)

    # -- matching and validating -------------------------------------------------------------------
    def find(self, method, path):
        candidates = [
            (operation, match)
            for operation in self.operations
            if operation.method == method
            for match in [operation.regex.match(path)]
            if match
        ]
        if not candidates:
            others = sorted({o.method for o in self.operations if o.regex.match(path)})
            raise RequestRefused(
                f"{method} {path}: no such operation in the OpenSearch API specification"
                + (f" (the path takes {', '.join(others)})" if others else "")
            )
        return max(candidates, key=lambda found: found[0].literal_segments)

    def _check_value(self, schema, uri, value, what):
        validator = jsonschema.Draft202012Validator({"$ref": f"{uri}#/$defs/_"}, registry=self._with_local(schema, uri))
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        if errors:
            raise RequestRefused(f"{what}: {errors[0].message} at {'/'.join(map(str, errors[0].absolute_path)) or 'top'}")

    def _with_local(self, schema, uri):
        # A schema node is given a name of its own inside its document, so its relative $refs still resolve.
        document = dict(self.documents[uri], **{"$defs": {"_": schema}})
        return self.registry.with_resource(uri, Resource.from_contents(document, default_specification=DRAFT202012))

    def validate(self, method, path, query=None, body=None):
        """Raise RequestRefused unless the specification describes this request; return its Operation."""
        operation, match = self.find(method.upper(), path)
        declared = self.parameters(operation)
        for name, value in match.groupdict().items():
            schema, uri, _required = declared.get(("path", name), ({}, operation.uri, True))
            self._check_value(schema, uri, _typed(schema, unquote(value), self, uri), f"{operation.id} path {name}")
        for name, value in (query or {}).items():
            if ("query", name) in declared:
                schema, uri, _required = declared[("query", name)]
            elif name in self.global_parameters:
                schema, uri = self.global_parameters[name]
            else:
                raise RequestRefused(f"{operation.id}: unknown query parameter {name!r}")
            self._check_value(schema, uri, _typed(schema, str(value), self, uri), f"{operation.id} query {name}")
        for (where, name), (_schema, _uri, required) in declared.items():
            if where == "query" and required and name not in (query or {}):
                raise RequestRefused(f"{operation.id}: missing required query parameter {name!r}")
        located, required = self.body_schema(operation)
        if body is None:
            if required:
                raise RequestRefused(f"{operation.id}: the request needs a body")
            return operation
        if located is None:
            raise RequestRefused(f"{operation.id}: the operation takes no body")
        schema, uri = located
        self._check_value(schema, uri, body, f"{operation.id} body")
        unknown = self.unknown_properties(schema, uri, body, "")
        if unknown:
            raise RequestRefused(f"{operation.id} body: {unknown[0]} is not a property the specification names")
        return operation

    # -- closed-world check of property names ------------------------------------------------------
    def _is_valid(self, schema, uri, value):
        validator = jsonschema.Draft202012Validator({"$ref": f"{uri}#/$defs/_"}, registry=self._with_local(schema, uri))
        return validator.is_valid(value)

    def _named(self, schema, uri, value):
        """(names, {name: (subschema, uri)}, open) of the properties `schema` allows on object `value`."""
        schema, uri = self.resolve(schema, uri)
        if not isinstance(schema, dict):
            return set(), {}, True
        names, subschemas, is_open = set(), {}, False
        for key in ("properties",):
            for name, sub in schema.get(key, {}).items():
                names.add(name)
                subschemas[name] = (sub, uri)
        if "additionalProperties" in schema and schema["additionalProperties"] is not False:
            is_open = True
            subschemas["*"] = (schema["additionalProperties"], uri) if isinstance(schema["additionalProperties"], dict) else None
        if "patternProperties" in schema:
            is_open = True
        branches = list(schema.get("allOf", []))
        for keyword in ("oneOf", "anyOf"):
            matching = [sub for sub in schema.get(keyword, []) if self._is_valid(sub, uri, value)]
            branches += matching
            if keyword in schema and not matching:
                is_open = True
        for branch in branches:
            more, subs, branch_open = self._named(branch, uri, value)
            names |= more
            subschemas.update(subs)
            is_open = is_open or branch_open
        if not names and not branches and "additionalProperties" not in schema:
            is_open = True  # a schema that says nothing of properties says nothing against any
        return names, subschemas, is_open

    def unknown_properties(self, schema, uri, value, where):
        """Paths of properties in `value` that `schema` does not name."""
        schema, uri = self.resolve(schema, uri)
        if isinstance(value, list):
            items = schema.get("items") if isinstance(schema, dict) else None
            if not items:
                for branch in (schema or {}).get("oneOf", []) + (schema or {}).get("anyOf", []) + (schema or {}).get("allOf", []):
                    branch, branch_uri = self.resolve(branch, uri)
                    if isinstance(branch, dict) and branch.get("items") and self._is_valid(branch, branch_uri, value):
                        items, uri = branch["items"], branch_uri
                        break
            return [p for i, item in enumerate(value) for p in (self.unknown_properties(items, uri, item, f"{where}/{i}") if items else [])]
        if not isinstance(value, dict):
            return []
        names, subschemas, is_open = self._named(schema, uri, value)
        found = []
        for key, item in value.items():
            if key in names:
                sub, sub_uri = subschemas[key]
                found += self.unknown_properties(sub, sub_uri, item, f"{where}/{key}")
            elif subschemas.get("*"):
                sub, sub_uri = subschemas["*"]
                found += self.unknown_properties(sub, sub_uri, item, f"{where}/{key}")
            elif not is_open:
                found.append(f"{where}/{key}")
        return found


def _typed(schema, text, spec, uri):
    """A query or path string as the JSON value its schema types (query strings carry no types)."""
    schema = spec.resolve(schema, uri)[0]
    kinds = schema.get("type") if isinstance(schema, dict) else None
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    if ("integer" in kinds or "number" in kinds) and re.fullmatch(r"-?\d+(\.\d+)?", text):
        return json.loads(text)
    if "array" in kinds:
        return text.split(",")
    return text
