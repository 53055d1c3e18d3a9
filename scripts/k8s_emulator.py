#!/usr/bin/env python3
"""Start and stop a local Kubernetes API emulator: kmock's in-memory emulator on 127.0.0.1.

    scripts/k8s_emulator.py start     # prints the URL, writes .local/kubeconfig
    scripts/k8s_emulator.py url       # prints the URL of the running emulator
    scripts/k8s_emulator.py stop
    scripts/k8s_emulator.py serve --port N     # in the foreground (what `start` runs)

`--state-dir` keeps another emulator's files elsewhere (each molecule scenario runs its own).

No kube-apiserver can run on these machines, so the playbooks' Kubernetes calls
(kubernetes.core.k8s, k8s_info, k8s_log) go to this emulator in tests. It stores objects as
JSON and nothing more: no admission (Pod Security, ValidatingAdmissionPolicy), no controllers
(no ReplicaSet or Pod comes from a Deployment, no ALB from an Ingress), no scheduler, no
kubelet, no OpenAPI document and no protobuf. So kubectl (it validates against OpenAPI and
sends core objects as protobuf) and helm (its release Secrets are protobuf) do not work
against it; kubernetes.core's k8s modules (JSON through the Python client) do. kmock 0.8
serves discovery, create, get, list, watch, merge patch and delete; this file closes the gaps the Kubernetes clients we use run into, each marked below:

- the cluster-scoped Namespace collection (/api/v1/namespaces[/<name>]) is parsed as a
  namespace prefix by kmock;
- server-set metadata (uid, resourceVersion, creationTimestamp, generation);
- `?dryRun=All` (check mode) must answer what would be stored without storing it;
- `?labelSelector=` on lists (equality and set-based) is ignored by kmock, and lists carry no kind;
- PUT (replace) is not served by kmock;
- the core group's resource list says groupVersion "/v1";
- a pod's `log` subresource answers, as a stand-in kubelet, one line naming the container, or what
  a test recorded as its output in the annotation `k8s-emulator.devsecops.aws/log-<container>`.

The tests import K8sEmulatorServer from here so that they start it exactly the way a user does.
"""

import argparse
import asyncio
import datetime
import os
import re
import signal
import sys
import urllib.request
import uuid
from pathlib import Path

from local_process import LocalServer, free_port, running_pid

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE_DIR = ROOT / ".local"
# A test records a container's output in this annotation (+ "<container>") of its pod.
LOG_ANNOTATION = "k8s-emulator.devsecops.aws/log-"

# Role features (by tag) the emulator cannot serve; runs against the local endpoints skip them
# (scripts/local_endpoint.py adds them to its gaps).
EMULATOR_GAPS = {
    "eks_alb_controller_chart": (
        "helm install/upgrade: helm stores releases as protobuf Secrets and validates against OpenAPI, "
        "neither of which the emulator serves; the chart repository is not reachable from here either"
    ),
}

# Not a secret: the emulator accepts any token.
KUBECONFIG_TEMPLATE = """\
apiVersion: v1
kind: Config
clusters:
  - name: emulator
    cluster: {{server: "{url}"}}
users:
  - name: emulator
    user: {{token: emulator-accepts-any-token}}
contexts:
  - name: emulator
    context: {{cluster: emulator, user: emulator}}
current-context: emulator
"""


def reset(url):
    """Make the emulator at `url` forget every object, as a new cluster would."""
    req = urllib.request.Request(f"{url}/emulator-api/reset", method="POST")
    urllib.request.urlopen(req, timeout=10).close()


def write_kubeconfig(path, url):
    Path(path).write_text(KUBECONFIG_TEMPLATE.format(url=url))


class K8sEmulatorServer(LocalServer):
    """One emulator process on 127.0.0.1 (this file, `serve`)."""

    NAME = "the Kubernetes emulator"
    PROBE = "/version"

    def command(self):
        python = ROOT / ".venv" / "bin" / "python"
        return [str(python if python.exists() else sys.executable), __file__, "serve", "--port", str(self.port)]


# ---- the emulator itself (imported only by `serve`: kmock lives in the virtualenv) ----------

SELECTOR_TERM = re.compile(r"^\s*(!?)([\w./-]+)\s*(?:(==|=|!=)\s*([\w.-]*)|\s+(in|notin)\s*\(([^)]*)\))?\s*$")


def split_selector(selector):
    """Terms of a label selector, split on commas outside parentheses."""
    terms, depth, current = [], 0, ""
    for char in selector:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += char
    return [term for term in terms + [current] if term.strip()]


def selector_matches(selector, labels):
    for term in split_selector(selector):
        match = SELECTOR_TERM.match(term)
        if not match:
            raise ValueError(f"unable to parse requirement: {term!r}")
        negated, key, op, value, set_op, values = match.groups()
        if op in ("=", "=="):
            ok = labels.get(key) == value
        elif op == "!=":
            ok = labels.get(key) != value
        elif set_op:
            members = {item.strip() for item in values.split(",")}
            ok = (labels.get(key) in members) == (set_op == "in")
        else:
            ok = (key in labels) != bool(negated)
        if not ok:
            return False
    return True


def build_emulator():
    import attrs
    import kmock
    from kmock._internal import enums, parsing

    original_parse_path = parsing.parse_path

    def parse_path(path):
        # Gap: /api/v1/namespaces and /api/v1/namespaces/<name>[/status|/finalize] are the
        # cluster-scoped Namespace resource, not a namespace prefix.
        parts = path.strip("/").split("/")
        if parts[:3] == ["api", "v1", "namespaces"] and (
            len(parts) <= 4 or (len(parts) == 5 and parts[4] in ("status", "finalize"))
        ):
            return parsing.ParsedPath(
                group="",
                version="v1",
                plural="namespaces",
                name=parts[3] if len(parts) > 3 else None,
                subresource=parts[4] if len(parts) > 4 else None,
            )
        return original_parse_path(path)

    parsing.parse_path = parse_path

    class Emulator(kmock.KubernetesEmulator):
        versions = 0

        def _next_version(self):
            Emulator.versions += 1
            return str(Emulator.versions)

        def _stored(self, request):
            key = (request.resource, request.namespace, request.name)
            if key in self.objects and not self.objects[key].deleted:
                return self.objects[key].raw
            return None

        async def _handle(self, request):
            if request.url.path == "/emulator-api/reset" and request.method == enums.method.POST:
                # Not Kubernetes: tests empty the emulator between cases, as moto-api/reset does.
                self.objects.clear()
                return aiohttp_json({})
            if request.resource is None:
                return await super()._handle(request)
            if request.subresource == "log" and request.method == enums.method.GET:
                return await self._serve_log(request)
            if request.params.get("dryRun"):
                return await self._serve_dry_run(request)
            if request.method == enums.method.PUT and request.name:
                # Gap: PUT replaces the object; served as delete + create with the same identity.
                stored = self._stored(request)
                if stored is None:
                    raise kmock.KubernetesObjectNotFoundError()
                body = dict(request.data)
                body["metadata"] = dict(body.get("metadata", {}), **self._kept_metadata(stored, bump=True))
                self.objects[request.resource, request.namespace, request.name].create(body)
                return aiohttp_json(body)
            if request.action == enums.action.CREATE:
                data = dict(request.data or {})
                data["metadata"] = dict(data.get("metadata", {}), **self._new_metadata(request))
                object.__setattr__(request, "data", data)  # the parsed request is frozen
                response = await super()._handle(request)
                response.set_status(201)
                return response
            if request.action == enums.action.UPDATE:
                object.__setattr__(request, "data", self._versioned_patch(request))
            return await super()._handle(request)

        def _new_metadata(self, request):
            metadata = {
                "uid": str(uuid.uuid4()),
                "resourceVersion": self._next_version(),
                "creationTimestamp": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "generation": 1,
            }
            if request.namespace:
                metadata["namespace"] = request.namespace
            return metadata

        def _kept_metadata(self, stored, bump):
            kept = {key: stored["metadata"][key] for key in ("uid", "creationTimestamp") if key in stored["metadata"]}
            kept["resourceVersion"] = self._next_version() if bump else stored["metadata"].get("resourceVersion")
            kept["generation"] = stored["metadata"].get("generation", 1) + (1 if bump else 0)
            return kept

        def _versioned_patch(self, request):
            # A patch that changes nothing keeps resourceVersion and generation, as on a real server.
            from kmock._internal import dicts

            stored = self._stored(request)
            if stored is None or not isinstance(request.data, dict):
                return request.data
            bump = dicts.patch_dict(stored, request.data) != stored
            patch = dict(request.data)
            patch["metadata"] = dict(patch.get("metadata") or {}, **self._kept_metadata(stored, bump=bump))
            return patch

        async def _serve_dry_run(self, request):
            # Gap: dryRun=All answers the object as it would be, and stores nothing.
            from kmock._internal import dicts

            if request.action == enums.action.CREATE:
                body = dict(request.data)
                body["metadata"] = dict(body.get("metadata", {}), **self._new_metadata(request))
                return aiohttp_json(body, status=201)
            stored = self._stored(request)
            if stored is None:
                raise kmock.KubernetesObjectNotFoundError()
            if request.action == enums.action.UPDATE:
                return aiohttp_json(dicts.patch_dict(stored, request.data))
            if request.method == enums.method.PUT:
                return aiohttp_json(request.data)
            return aiohttp_json(stored)

        async def _serve_version(self, request):
            # Gap: the core group's resource list says groupVersion "/v1"; clients map nothing.
            listing = await super()._serve_version(request)
            listing["groupVersion"] = listing["groupVersion"].lstrip("/")
            return listing

        async def _serve_list(self, request):
            listing = await super()._serve_list(request)
            selector = request.params.get("labelSelector")
            if selector:
                listing["items"] = [
                    item
                    for item in listing["items"]
                    if selector_matches(selector, (item.get("metadata") or {}).get("labels") or {})
                ]
            # Gap: a list names its kind and apiVersion.
            info = self.resources[request.resource]
            group_version = "/".join(part for part in (request.resource.group, request.resource.version) if part)
            listing.update(apiVersion=group_version, kind=f"{info.kind}List")
            listing["metadata"] = {"resourceVersion": str(Emulator.versions)}
            return listing

        async def _serve_log(self, request):
            # Gap: no kubelet; a stand-in line that names the container.
            pod = self._stored(attrs.evolve(request, subresource=None))
            if pod is None:
                raise kmock.KubernetesObjectNotFoundError()
            containers = [c["name"] for c in pod.get("spec", {}).get("containers", [])]
            container = request.params.get("container") or (containers[0] if len(containers) == 1 else None)
            if container not in containers:
                raise kmock.KubernetesError(status=400, reason="BadRequest", message="a container name must be given")
            # What a test recorded as the container's output (a kube-bench report) stands for the kubelet's.
            recorded = pod.get("metadata", {}).get("annotations", {}).get(LOG_ANNOTATION + container)
            if recorded is not None:
                return aiohttp_text(recorded)
            return aiohttp_text(f"emulator: log of container {container} in pod {request.namespace}/{request.name}\n")

    return Emulator


def aiohttp_json(body, status=200):
    import aiohttp.web

    return aiohttp.web.json_response(body, status=status)


def aiohttp_text(text):
    import aiohttp.web

    return aiohttp.web.Response(text=text)


async def serve(port):
    import kmock

    emulator_cls = build_emulator()
    async with emulator_cls() as emulator, kmock.Server(emulator, port=port) as server:
        emulator.resources.load_bundled()
        print(server.url, flush=True)
        await asyncio.Event().wait()


class StateDir:
    """Where a started emulator keeps its kubeconfig, process id and log."""

    def __init__(self, path=DEFAULT_STATE_DIR):
        self.path = Path(path)
        self.kubeconfig = self.path / "kubeconfig"
        self.pid_file = self.path / "k8s_emulator.pid"

    def running_pid(self):
        return running_pid(self.pid_file)

    def url(self):
        return re.search(r'server: "([^"]+)"', self.kubeconfig.read_text()).group(1)


def cmd_start(state):
    if state.running_pid():
        print(state.url())
        return 0
    state.path.mkdir(parents=True, exist_ok=True)
    server = K8sEmulatorServer(log_path=state.path / "k8s_emulator.log").start()
    write_kubeconfig(state.kubeconfig, server.url)
    state.pid_file.write_text(str(server.process.pid))
    print(server.url)
    return 0


def cmd_url(state):
    if not state.running_pid():
        print("no Kubernetes emulator is running: scripts/k8s_emulator.py start", file=sys.stderr)
        return 1
    print(state.url())
    return 0


def cmd_stop(state):
    pid = state.running_pid()
    if pid:
        os.killpg(pid, signal.SIGTERM)
    for path in (state.kubeconfig, state.pid_file):
        path.unlink(missing_ok=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "url", "stop", "serve"])
    parser.add_argument(
        "--state-dir", default=DEFAULT_STATE_DIR, help="where the kubeconfig, pid and log are kept (default: .local)"
    )
    parser.add_argument("--port", type=int, default=None, help="with serve: the port (default: a free one)")
    args = parser.parse_args()
    if args.command == "serve":
        asyncio.run(serve(args.port or free_port()))
        return 0
    return {"start": cmd_start, "url": cmd_url, "stop": cmd_stop}[args.command](StateDir(args.state_dir))


if __name__ == "__main__":
    sys.exit(main())
