# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

OpenSearch objects applied idempotently: read the object, compare it with the one wanted, write only when
they differ. Every kind of object goes through the same `apply`; a Kind says only where the object lives,
how the server answers, and what the server adds on its own.

Comparison is containment: the object is up to date when everything the task says, the server says too.
Servers add defaults and bookkeeping (ISM fills in retry settings, the security plugin adds `reserved`,
alerting gives triggers ids), and a task that had to spell all of that out would never converge.
"""

import json

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._opensearch_client import OpenSearchError, client_for
from ansible_collections.devsecops.aws.plugins.module_utils._secret_value import read_secret
from ansible_collections.devsecops.aws.plugins.module_utils._state import report

DASHBOARDS_HEADERS = {"osd-xsrf": "true"}


def contains(held, wanted, lists_as_sets=False):
    """True when everything `wanted` says, `held` says too."""
    if isinstance(wanted, dict):
        return isinstance(held, dict) and all(k in held and contains(held[k], v, lists_as_sets) for k, v in wanted.items())
    if isinstance(wanted, list):
        if not isinstance(held, list):
            return False
        if lists_as_sets:
            return all(any(contains(h, w, lists_as_sets) for h in held) for w in wanted)
        return len(held) == len(wanted) and all(contains(h, w, lists_as_sets) for h, w in zip(held, wanted))
    return held == wanted


def flat_settings(settings, prefix=""):
    """Index settings as OpenSearch returns them with flat_settings: dotted `index.` keys, string values."""
    flat = {}
    for key, value in (settings or {}).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flat_settings(value, f"{name}."))
        else:
            flat[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return {(key if key.startswith("index.") else f"index.{key}"): value for key, value in flat.items()}


def without(document, *keys):
    return {key: value for key, value in (document or {}).items() if key not in keys}


class Found:
    """An object as read from the server: its comparable body and what a write needs (id, sequence numbers)."""

    def __init__(self, body, object_id=None, seq_no=None, primary_term=None):
        self.body = body
        self.object_id = object_id
        self.seq_no = seq_no
        self.primary_term = primary_term


class Kind:
    """How one kind of object is read, written and deleted. Subclasses override what differs."""

    lists_as_sets = False
    headers = None

    def path(self, name):
        raise NotImplementedError

    def read(self, client, name):
        status, body = client.request("GET", self.path(name), headers=self.headers, missing_ok=True)
        if status == 404:
            return None
        return self.parse(name, body)

    def parse(self, name, body):
        return Found(body)

    def comparable(self, body):
        """The wanted body in the form the server reports it."""
        return body

    def expected(self, found, body):
        """What the server will report once `body` is written."""
        return self.comparable(body)

    def write(self, client, name, body, found):
        client.request("PUT", self.path(name), body=body, headers=self.headers)

    def delete(self, client, name, found):
        client.request("DELETE", self.path(name), headers=self.headers, missing_ok=True)

    def remove(self, client, name, body, found, check_mode):
        """Make the object be gone; returns what remains of it ({})."""
        if not check_mode:
            self.delete(client, name, found)
        return {}


class IndexTemplate(Kind):
    def path(self, name):
        return f"/_index_template/{name}"

    def read(self, client, name):
        status, body = client.request("GET", self.path(name), query={"flat_settings": True}, missing_ok=True)
        if status == 404:
            return None
        return Found(body["index_templates"][0]["index_template"])

    def comparable(self, body):
        template = dict(body.get("template", {}))
        if "settings" in template:
            template["settings"] = flat_settings(template["settings"])
        return dict(body, template=template) if "template" in body else body


class ISMPolicy(Kind):
    """An Index State Management policy; the body is the `policy` object, updated with optimistic concurrency."""

    def path(self, name):
        return f"/_plugins/_ism/policies/{name}"

    def parse(self, name, body):
        policy = without(body["policy"], "policy_id", "last_updated_time", "schema_version")
        return Found(policy, seq_no=body["_seq_no"], primary_term=body["_primary_term"])

    def write(self, client, name, body, found):
        query = {"if_seq_no": found.seq_no, "if_primary_term": found.primary_term} if found else None
        client.request("PUT", self.path(name), query=query, body={"policy": body})


class SecurityRole(Kind):
    """A role of the security plugin (fine-grained access control)."""

    def path(self, name):
        return f"/_plugins/_security/api/roles/{name}"

    def parse(self, name, body):
        return Found(without(body[name], "reserved", "hidden", "static"))


class RoleMapping(Kind):
    """Who holds a security role. Members are added (and, with state=absent, removed), never replaced wholesale:
    a mapping such as all_access also holds the master user and people this task knows nothing of."""

    lists_as_sets = True
    MEMBERS = ("backend_roles", "hosts", "users", "and_backend_roles")

    def path(self, name):
        return f"/_plugins/_security/api/rolesmapping/{name}"

    def parse(self, name, body):
        return Found(without(body[name], "reserved", "hidden"))

    def merged(self, found, body, remove=False):
        merged = dict(found.body) if found else {}
        for key in self.MEMBERS:
            members = list(merged.get(key, []))
            for member in body.get(key, []):
                if remove and member in members:
                    members.remove(member)
                elif not remove and member not in members:
                    members.append(member)
            if members or key in merged or key in body:
                merged[key] = members
        return merged

    def expected(self, found, body):
        return self.merged(found, body)

    def write(self, client, name, body, found):
        super().write(client, name, self.merged(found, body), found)

    def remove(self, client, name, body, found, check_mode):
        remaining = self.merged(found, body, remove=True)
        if remaining != found.body and not check_mode:
            super().write(client, name, remaining, found)
        return remaining


class NotificationChannel(Kind):
    """A Notifications plugin channel; its id is the name."""

    def path(self, name):
        return f"/_plugins/_notifications/configs/{name}"

    def parse(self, name, body):
        return Found(body["config_list"][0]["config"])

    def write(self, client, name, body, found):
        if found:
            client.request("PUT", self.path(name), body={"config": body})
        else:
            client.request("POST", "/_plugins/_notifications/configs", body={"config_id": name, "config": body})


class Monitor(Kind):
    """An alerting monitor. Monitors have generated ids, so one is found by its name."""

    def path(self, name):
        return f"/_plugins/_alerting/monitors/{name}"

    def read(self, client, name):
        query = {"size": 2, "query": {"term": {"monitor.name.keyword": name}}}
        body = client.request("POST", "/_plugins/_alerting/monitors/_search", body=query)[1]
        hits = [hit for hit in body["hits"]["hits"] if hit["_source"].get("monitor", hit["_source"]).get("name") == name]
        if len(hits) > 1:
            raise OpenSearchError(f"more than one alerting monitor is named {name}: rename or delete the others")
        if not hits:
            return None
        hit = hits[0]
        monitor = without(hit["_source"].get("monitor", hit["_source"]), "last_update_time", "schema_version", "user", "enabled_time")
        return Found(monitor, object_id=hit["_id"], seq_no=hit.get("_seq_no"), primary_term=hit.get("_primary_term"))

    def comparable(self, body):
        return dict(body, type="monitor")

    def write(self, client, name, body, found):
        body = dict(self.comparable(body), name=name)
        if found:
            query = {"if_seq_no": found.seq_no, "if_primary_term": found.primary_term} if found.seq_no is not None else None
            client.request("PUT", self.path(found.object_id), query=query, body=body)
        else:
            client.request("POST", "/_plugins/_alerting/monitors", body=body)

    def delete(self, client, name, found):
        client.request("DELETE", self.path(found.object_id), missing_ok=True)


class SavedObject(Kind):
    """An OpenSearch Dashboards saved object (index pattern, visualisation, dashboard), named `<type>/<id>`,
    through the Dashboards API on the domain's /_dashboards path."""

    headers = DASHBOARDS_HEADERS

    def path(self, name):
        kind, _slash, object_id = name.partition("/")
        if not kind or not object_id:
            raise OpenSearchError(f"a saved object is named <type>/<id>, not {name!r}")
        return f"/_dashboards/api/saved_objects/{kind}/{object_id}"

    # Attributes Dashboards keeps as JSON text; a task may give them as objects.
    JSON_TEXT = ("visState", "uiStateJSON", "panelsJSON", "optionsJSON")

    def parse(self, name, body):
        return Found({"attributes": body.get("attributes", {}), "references": body.get("references", [])})

    def comparable(self, body):
        attributes = dict(body.get("attributes", {}))
        for key in self.JSON_TEXT:
            if key in attributes and not isinstance(attributes[key], str):
                attributes[key] = json.dumps(attributes[key], sort_keys=True)
        meta = attributes.get("kibanaSavedObjectMeta")
        if isinstance(meta, dict) and not isinstance(meta.get("searchSourceJSON", ""), str):
            attributes["kibanaSavedObjectMeta"] = dict(meta, searchSourceJSON=json.dumps(meta["searchSourceJSON"], sort_keys=True))
        return {"attributes": attributes, "references": body.get("references", [])}

    def write(self, client, name, body, found):
        client.request("POST", self.path(name), query={"overwrite": True}, body=self.comparable(body), headers=self.headers)


KINDS = {
    "index_template": IndexTemplate(),
    "ism_policy": ISMPolicy(),
    "security_role": SecurityRole(),
    "role_mapping": RoleMapping(),
    "notification_channel": NotificationChannel(),
    "monitor": Monitor(),
    "saved_object": SavedObject(),
}


def apply(client, kind, name, body, state="present", check_mode=False):
    """Make object `name` of `kind` hold `body` (or be gone). Returns (before, after): equal when nothing changed."""
    handler = KINDS[kind]
    found = handler.read(client, name)
    before = found.body if found else {}
    if state == "absent":
        return before, handler.remove(client, name, body, found, check_mode) if found else {}
    if found and contains(before, handler.comparable(body), handler.lists_as_sets):
        return before, before
    if not check_mode:
        handler.write(client, name, body, found)
    return before, handler.expected(found, body)


DATA_PLANE_OPTIONS = dict(
    endpoint=dict(type="str", required=True),
    username=dict(type="str"),
    password=dict(type="str", no_log=True),
    password_secret_id=dict(type="str", no_log=False),
)
DATA_PLANE_EXCLUSIVE = [("password", "password_secret_id")]


def apply_from_module(module, kind, name, body, headers=None, redact=None):
    """Run `apply` with a module's connection options and exit with its result (diff in diff mode).

    `redact` turns a before/after body into what may be shown (a secret swapped for a marker).
    """
    params = module.params
    password = params["password"]
    try:
        if params["username"] and params["password_secret_id"]:
            password = read_secret(module, params["password_secret_id"], f"the password of {params['username']}")
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    try:
        client = client_for(module, params["endpoint"], params["username"], password, headers=headers)
        before, after = apply(client, kind, name, body, params["state"], module.check_mode)
    except OpenSearchError as e:
        module.fail_json(msg=f"{kind} {name}: {e}", status=e.status, body=e.body)
    show = redact or (lambda document: document)
    result = report(module, before, after)
    if "diff" in result:
        result["diff"] = {"before": show(before), "after": show(after)}
    module.exit_json(**dict(result, object=show(after)))
