"""An HTTPS peer on 127.0.0.1 that answers the OpenSearch data-plane calls the collection makes.

No OpenSearch server can run here. The peer stands in for one the way the Stubber stands in for AWS:
every request it receives is first checked against the OpenSearch API specification
(tests/support/opensearch_api.py) and its SigV4 signature (or basic credentials) verified; a request
the specification does not describe is answered 400 and recorded in `refused`, which tests assert empty.
Requests to the two APIs the specification does not cover (alerting, Dashboards saved objects) are recorded
in `outside_spec` so tests can state exactly what was sent there.

Past that gate it keeps the objects it is sent and answers as OpenSearch does, including what the server
adds on its own (ISM retry defaults, `reserved` flags, trigger ids, flattened settings), so the modules'
read-compare-write logic meets the answers it will meet on a domain.
"""

import base64
import copy
import datetime
import ipaddress
import itertools
import json
import ssl
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.opensearch_api import OpenSearchAPI, RequestRefused

ACCESS_KEY, SECRET_KEY, REGION = "testing", "testing", "us-east-1"
OUTSIDE_SPEC = ("/_plugins/_alerting/", "/_dashboards/")


def self_signed_certificate(directory):
    """A certificate for 127.0.0.1 and its key, as PEM files in `directory`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = Path(directory) / "peer.crt", Path(directory) / "peer.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def signature_is_valid(method, url, headers, body):
    """Recompute the SigV4 signature over the headers the client says it signed."""
    authorization = headers.get("Authorization", "")
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        return False
    fields = dict(part.strip().split("=", 1) for part in authorization[len("AWS4-HMAC-SHA256 "):].split(","))
    if f"/{REGION}/es/aws4_request" not in fields.get("Credential", ""):
        return False
    received = {name.lower(): value for name, value in headers.items()}
    signed = fields["SignedHeaders"].split(";")
    request = AWSRequest(method=method, url=url, data=body, headers={h: received[h] for h in signed if h in received})
    request.context["timestamp"] = received.get("x-amz-date", "")
    signer = SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "es", REGION)
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request) == fields.get("Signature")


class OpenSearchPeer:
    """Start with `with OpenSearchPeer() as peer:`; `peer.endpoint` is its https://127.0.0.1:<port> URL."""

    def __init__(self, basic_users=None):
        self.spec = OpenSearchAPI.load()
        self.basic_users = dict(basic_users or {})
        self.requests = []  # (method, path, query, body, operation id or "outside the specification")
        self.refused = []
        self.outside_spec = []
        self.unauthenticated = []
        self.fail_next = []  # statuses to answer before serving, e.g. [429, 503]
        self.store = {}
        self.ids = itertools.count(1)
        self.seq_no = itertools.count(1)
        self._directory = tempfile.TemporaryDirectory()
        self.ca_bundle, key = self_signed_certificate(self._directory.name)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.ca_bundle, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.endpoint = f"https://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self.server.shutdown()
        self.server.server_close()
        self._directory.cleanup()

    def calls(self, method=None):
        """(METHOD, path) of the requests served, in order."""
        return [(m, p) for m, p, *_rest in self.requests if method in (None, m)]

    def writes(self):
        return [(m, p) for m, p, *_rest in self.requests if m in ("PUT", "POST", "DELETE") and not p.endswith("/_search")]

    # -- the HTTP side --------------------------------------------------------------------------------
    def _handler(self):
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):
                pass

            def _serve(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = urlsplit(self.path)
                status, body = peer.handle(self.command, url, dict(self.headers.items()), raw)
                payload = b"" if body is None else json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _serve

        return Handler

    def handle(self, method, url, headers, raw):
        path, query = unquote(url.path), dict(parse_qsl(url.query, keep_blank_values=True))
        body = json.loads(raw) if raw else None
        full_url = f"https://{headers.get('Host')}{url.path}" + (f"?{url.query}" if url.query else "")
        if not self._authenticated(method, full_url, headers, raw):
            self.unauthenticated.append((method, path))
            return 403, {"message": "The request signature we calculated does not match the signature you provided."}
        if self.fail_next:
            return self.fail_next.pop(0), {"error": {"reason": "injected failure"}, "status": 429}
        if path.startswith(OUTSIDE_SPEC):
            self.outside_spec.append((method, path, query, copy.deepcopy(body)))
            operation = "outside the specification"
        else:
            try:
                operation = self.spec.validate(method, path, query, body).id
            except RequestRefused as e:
                self.refused.append(str(e))
                return 400, {"error": {"type": "illegal_argument_exception", "reason": str(e)}, "status": 400}
        self.requests.append((method, path, query, copy.deepcopy(body), operation))
        return self.route(method, path, query, body, headers)

    def _authenticated(self, method, url, headers, raw):
        authorization = headers.get("Authorization", "")
        if authorization.startswith("Basic "):
            user, _colon, password = base64.b64decode(authorization[6:]).decode().partition(":")
            return self.basic_users.get(user) == password
        return signature_is_valid(method, url, headers, raw)

    # -- OpenSearch's behaviour, per kind of object ---------------------------------------------------
    def route(self, method, path, query, body, headers):
        parts = path.strip("/").split("/")
        if parts[0] == "_index_template":
            return self._index_template(method, parts[1], query, body)
        if parts[:2] == ["_plugins", "_ism"]:
            return self._ism(method, parts[3], query, body)
        if parts[:3] == ["_plugins", "_security", "api"]:
            return self._security(method, parts[3], parts[4], body)
        if parts[:2] == ["_plugins", "_notifications"]:
            return self._notifications(method, parts[3] if len(parts) > 3 else None, body)
        if parts[:2] == ["_plugins", "_alerting"]:
            return self._alerting(method, parts[3] if len(parts) > 3 else None, query, body)
        if parts[0] == "_dashboards":
            return self._saved_object(method, parts[3], parts[4], body, headers)
        return 404, {"error": {"reason": f"no route for {method} {path}"}, "status": 404}

    @staticmethod
    def _missing(what):
        return 404, {"error": {"type": "resource_not_found_exception", "reason": f"{what} not found"}, "status": 404}

    def _index_template(self, method, name, query, body):
        key = ("index_template", name)
        if method == "PUT":
            self.store[key] = copy.deepcopy(body)
            return 200, {"acknowledged": True}
        if key not in self.store:
            return self._missing(f"index template [{name}]")
        if method == "DELETE":
            del self.store[key]
            return 200, {"acknowledged": True}
        template = copy.deepcopy(self.store[key])
        settings = template.get("template", {}).get("settings")
        if settings is not None:
            template["template"]["settings"] = _flat(settings) if query.get("flat_settings") == "true" else {"index": settings}
        return 200, {"index_templates": [{"name": name, "index_template": template}]}

    def _ism(self, method, policy_id, query, body):
        key = ("ism_policy", policy_id)
        held = self.store.get(key)
        if method == "PUT":
            if held and (str(held["_seq_no"]), str(held["_primary_term"])) != (query.get("if_seq_no"), query.get("if_primary_term")):
                return 409, {"error": {"type": "version_conflict_engine_exception", "reason": "version conflict"}, "status": 409}
            policy = copy.deepcopy(body["policy"])
            for state in policy.get("states", []):
                for action in state.get("actions", []):
                    action.setdefault("retry", {"count": 3, "backoff": "exponential", "delay": "1m"})
            for template in policy.get("ism_template") or []:
                template["last_updated_time"] = 1767225600000
            policy.update(policy_id=policy_id, last_updated_time=1767225600000, schema_version=21, error_notification=None)
            self.store[key] = {"_id": policy_id, "_version": 1, "_seq_no": next(self.seq_no), "_primary_term": 1, "policy": policy}
            return (200 if held else 201), without(self.store[key], "policy")
        if held is None:
            return self._missing(f"policy {policy_id}")
        if method == "DELETE":
            del self.store[key]
            return 200, {"_index": ".opendistro-ism-config", "_id": policy_id, "result": "deleted"}
        return 200, copy.deepcopy(held)

    def _security(self, method, resource, name, body):
        key = (resource, name)
        if method == "PUT":
            created = key not in self.store
            self.store[key] = copy.deepcopy(body)
            return (201 if created else 200), {"status": "CREATED" if created else "OK", "message": f"'{name}' created."}
        if key not in self.store:
            return 404, {"status": "NOT_FOUND", "message": f"'{name}' not found."}
        if method == "DELETE":
            del self.store[key]
            return 200, {"status": "OK", "message": f"'{name}' deleted."}
        held = copy.deepcopy(self.store[key])
        if resource == "roles":
            for permission in held.get("index_permissions", []):
                permission.setdefault("fls", [])
                permission.setdefault("masked_fields", [])
            held = dict({"reserved": False, "hidden": False, "static": False, "cluster_permissions": [], "tenant_permissions": []}, **held)
        else:
            held = dict({"hosts": [], "users": [], "backend_roles": [], "and_backend_roles": [], "reserved": False, "hidden": False}, **held)
        return 200, {name: held}

    def _notifications(self, method, config_id, body):
        if method == "POST":
            config_id = body["config_id"]
            self.store[("channel", config_id)] = copy.deepcopy(body["config"])
            return 200, {"config_id": config_id}
        key = ("channel", config_id)
        if key not in self.store:
            return self._missing(f"config {config_id}")
        if method == "PUT":
            self.store[key] = copy.deepcopy(body["config"])
            return 200, {"config_id": config_id}
        if method == "DELETE":
            del self.store[key]
            return 200, {"delete_response_list": {config_id: "OK"}}
        config = {"config_id": config_id, "last_updated_time_ms": 1767225600000, "created_time_ms": 1767225600000, "config": self.store[key]}
        return 200, {"start_index": 0, "total_hits": 1, "total_hit_relation": "eq", "config_list": [config]}

    def _alerting(self, method, monitor_id, query, body):
        monitors = {key[1]: value for key, value in self.store.items() if key[0] == "monitor"}
        if monitor_id == "_search":
            name = body["query"]["term"]["monitor.name.keyword"]
            hits = [
                {"_index": ".opendistro-alerting-config", "_id": i, "_seq_no": m["_seq_no"], "_primary_term": 1, "_source": m["monitor"]}
                for i, m in monitors.items()
                if m["monitor"]["name"] == name
            ]
            return 200, {"hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits}}
        if method == "POST" and monitor_id is None:
            monitor_id = f"monitor-{next(self.ids)}"
        elif monitor_id not in monitors:
            return self._missing(f"monitor {monitor_id}")
        elif method == "DELETE":
            del self.store[("monitor", monitor_id)]
            return 200, {"_id": monitor_id, "result": "deleted"}
        elif method == "PUT" and query.get("if_seq_no") not in (None, str(monitors[monitor_id]["_seq_no"])):
            return 409, {"error": {"type": "version_conflict_engine_exception", "reason": "version conflict"}, "status": 409}
        monitor = copy.deepcopy(body)
        for monitor_input in monitor.get("inputs", []):
            if "search" in monitor_input:
                monitor_input["search"]["query"] = _stored_search(monitor_input["search"]["query"])
        for trigger in monitor.get("triggers", []):
            for wrapped in trigger.values():
                wrapped.setdefault("id", f"trigger-{next(self.ids)}")
                for action in wrapped.get("actions", []):
                    action.setdefault("id", f"action-{next(self.ids)}")
        monitor.update(schema_version=5, last_update_time=1767225600000, enabled_time=1767225600000, user=None)
        self.store[("monitor", monitor_id)] = {"_seq_no": next(self.seq_no), "monitor": monitor}
        return 201, {"_id": monitor_id, "_version": 1, "_seq_no": 0, "_primary_term": 1, "monitor": monitor}

    def _saved_object(self, method, kind, object_id, body, headers):
        key = ("saved_object", kind, object_id, headers.get("securitytenant"))
        if method == "POST":
            if headers.get("osd-xsrf") != "true":
                return 400, {"statusCode": 400, "error": "Bad Request", "message": "Request must contain a osd-xsrf header."}
            self.store[key] = copy.deepcopy(body)
            return 200, self._saved(kind, object_id, body)
        if key not in self.store:
            return 404, {"statusCode": 404, "error": "Not Found", "message": f"Saved object [{kind}/{object_id}] not found"}
        return 200, self._saved(kind, object_id, self.store[key])

    @staticmethod
    def _saved(kind, object_id, body):
        return dict(
            copy.deepcopy(body),
            id=object_id,
            type=kind,
            updated_at="2026-01-01T00:00:00.000Z",
            version="WzEsMV0=",
            migrationVersion={kind: "7.10.0"},
            namespaces=["default"],
        )


def _stored_query(query):
    """A query as the alerting plugin stores it: OpenSearch's parsed form (values as objects, boosts)."""
    (kind, clause), = query.items()
    if kind == "bool":
        parsed = {key: [_stored_query(q) for q in clause[key]] for key in ("must", "filter", "should", "must_not") if key in clause}
        return {"bool": dict(parsed, adjust_pure_negative=True, boost=1.0)}
    (field, value), = clause.items()
    if kind == "term":
        value = value if isinstance(value, dict) else {"value": value}
        return {"term": {field: dict({"boost": 1.0}, **value)}}
    if kind == "range":
        stored = {"from": None, "to": None, "include_lower": True, "include_upper": True, "boost": 1.0}
        for operator, bound in value.items():
            if operator in ("gte", "gt"):
                stored.update({"from": bound, "include_lower": operator == "gte"})
            elif operator in ("lte", "lt"):
                stored.update({"to": bound, "include_upper": operator == "lte"})
            else:
                stored[operator] = bound
        return {"range": {field: stored}}
    return query


def _stored_search(search):
    stored = dict(search)
    if "query" in stored:
        stored["query"] = _stored_query(stored["query"])
    if isinstance(stored.get("_source"), list):
        stored["_source"] = {"includes": stored["_source"], "excludes": []}
    elif isinstance(stored.get("_source"), dict):
        stored["_source"] = dict({"includes": [], "excludes": []}, **stored["_source"])
    return stored


def without(document, *keys):
    return {key: value for key, value in document.items() if key not in keys}


def _flat(settings, prefix=""):
    """Settings as OpenSearch reports them with flat_settings (written apart from the module's code on purpose)."""
    flat = {}
    for key, value in settings.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value).lower() if isinstance(value, bool) else str(value)
    return {key if key.startswith("index.") else f"index.{key}": value for key, value in flat.items()} if not prefix else flat
