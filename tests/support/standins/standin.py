"""Stand-in for the scanners' own programs, for the host roles' scenarios (no internet here).

Each stand-in archive (build.py) has the real archive's layout, and its entry points
(dependency-check.sh, sonar.sh, sonar-scanner, zap.sh) run this file with the tool's name. Each
answers what the roles and the scan call, and checks what the real program would refuse to run
without, so a role that configures the tool wrongly fails here too:

  dependency-check  --updateonly writes the NVD data directory (an API key is required, as the NVD
                    asks of any real update); --scan needs that data and writes the recorded JSON
                    report (a public sample) to --out.
  sonarqube         sonar.sh console: reads conf/sonar.properties, refuses to start unless it can
                    log into PostgreSQL with the JDBC settings, then serves the web API calls the
                    role and the scan make (system/status, authentication/validate,
                    users/change_password, user_tokens/*, issues/search, hotspots/search) on
                    sonar.web.host:sonar.web.port. The admin password starts as "admin".
  sonar-scanner     checks its token against the server (authentication/validate).
  zap               -daemon: serves core/view/version and core/action/shutdown on -host/-port,
                    only with the api.key given (-config or -configfile); -cmd -autorun PLAN writes
                    the recorded report to the plan's report step.

Standard library only (and psycopg2 when it checks the database): it runs on the scanner host.
"""

import base64
import json
import os
import re
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from urllib.request import Request, urlopen

HERE = Path(__file__).resolve().parent
VERSION = (HERE / "VERSION").read_text(encoding="utf-8").strip()


def fail(message):
    print(f"ERROR: {message}", file=sys.stderr)
    sys.exit(1)


def option(args, name, default=None):
    """The value after `name` in a CLI argument list."""
    return args[args.index(name) + 1] if name in args else default


def dependency_check(args):
    if "--version" in args:
        print(f"Dependency-Check Core version {VERSION}")
        return
    data = Path(option(args, "--data") or HERE.parents[1] / "data")
    marker = data / "standin-nvd.json"
    if "--updateonly" in args:
        settings = properties(option(args, "--propertyfile")) if "--propertyfile" in args else {}
        if not (option(args, "--nvdApiKey") or settings.get("nvd.api.key")):
            fail("an NVD API key is needed to update the data (--nvdApiKey or nvd.api.key in --propertyfile)")
        data.mkdir(parents=True, exist_ok=True)
        updates = json.loads(marker.read_text()) if marker.exists() else {"updates": 0}
        marker.write_text(json.dumps({"updates": updates["updates"] + 1}))
        print("Dependency-Check NVD data updated")
        return
    source, out = option(args, "--scan"), option(args, "--out")
    if not source or not out or not Path(source).exists():
        fail("--scan PATH (existing) and --out DIR are required")
    if not marker.exists():
        fail(f"no NVD data in {data}: run with --updateonly first")
    Path(out).mkdir(parents=True, exist_ok=True)
    report = (HERE / "report.json").read_text(encoding="utf-8")
    (Path(out) / "dependency-check-report.json").write_text(report, encoding="utf-8")
    print(f"Dependency-Check analysed {source}")


def properties(path):
    values = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def check_database(settings):
    if "sonar.jdbc.url" not in settings:
        print("WARN: Embedded database should be used for evaluation purposes only", file=sys.stderr)
        return
    match = re.match(r"jdbc:postgresql://([^:/]+)(?::(\d+))?/(\w+)", settings.get("sonar.jdbc.url", ""))
    if not match:
        fail("sonar.jdbc.url must name a PostgreSQL database")
    import psycopg2  # only here: the other stand-ins need nothing beyond the standard library

    try:
        psycopg2.connect(
            host=match.group(1), port=int(match.group(2) or 5432), dbname=match.group(3),
            user=os.environ.get("SONAR_JDBC_USERNAME", settings.get("sonar.jdbc.username")),
            password=os.environ.get("SONAR_JDBC_PASSWORD", settings.get("sonar.jdbc.password")),
        ).close()
    except psycopg2.Error as e:
        fail(f"cannot connect to the database: {e}")


class SonarState:
    def __init__(self, path):
        self.path = path
        self.value = json.loads(path.read_text()) if path.exists() else {"password": "admin", "tokens": {}}

    def save(self):
        self.path.write_text(json.dumps(self.value))


def paged(document, key, query):
    page, size = int(query.get("p", ["1"])[0]), int(query.get("ps", ["100"])[0])
    entries = document[key]
    chosen = entries[(page - 1) * size:page * size]
    return {"paging": {"pageIndex": page, "pageSize": size, "total": len(entries)}, key: chosen,
            "components": document.get("components", [])}


def sonarqube(args):
    home = Path(option(args, "--home") or HERE.parents[1])
    settings = properties(home / "conf" / "sonar.properties")
    check_database(settings)
    # Like the real server, it writes only under sonar.path.data (the program's own folder is root's).
    state = SonarState(Path(settings.get("sonar.path.data", home / "data")) / "standin-state.json")
    recorded = {name: json.loads((HERE / f"{name}.json").read_text(encoding="utf-8")) for name in ("issues", "hotspots")}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *values):
            print(fmt % values, file=sys.stderr)

        def user(self):
            header = self.headers.get("Authorization", "")
            if header.startswith("Bearer "):
                return "admin" if header[7:] in state.value["tokens"].values() else None
            if not header.startswith("Basic "):
                return None
            login, dummy, password = base64.b64decode(header[6:]).decode().partition(":")
            if login == "admin" and password == state.value["password"]:
                return "admin"
            if not password and login in state.value["tokens"].values():
                return "admin"
            return None

        def answer(self, status, body=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            if url.path == "/api/system/status":
                return self.answer(200, {"status": "UP", "version": VERSION})
            if url.path == "/api/authentication/validate":
                return self.answer(200, {"valid": self.user() is not None})
            if self.user() is None:
                return self.answer(401)
            if url.path == "/api/user_tokens/search":
                return self.answer(200, {"login": "admin", "userTokens": [{"name": n} for n in state.value["tokens"]]})
            if url.path == "/api/issues/search":
                return self.answer(200, paged(recorded["issues"], "issues", query))
            if url.path == "/api/hotspots/search":
                return self.answer(200, paged(recorded["hotspots"], "hotspots", query))
            return self.answer(404)

        def do_POST(self):
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode())
            form = {key: values[0] for key, values in dict(parse_qs(url.query), **form).items()}
            if self.user() is None:
                return self.answer(401)
            if url.path == "/api/users/change_password":
                if form.get("previousPassword") != state.value["password"] or not form.get("password"):
                    return self.answer(400, {"errors": [{"msg": "Incorrect password"}]})
                state.value["password"] = form["password"]
                state.save()
                return self.answer(204)
            if url.path == "/api/user_tokens/generate":
                if form.get("name") in state.value["tokens"]:
                    return self.answer(400, {"errors": [{"msg": "A user token with that name already exists"}]})
                token = "squ_" + secrets.token_hex(20)
                state.value["tokens"][form["name"]] = token
                state.save()
                return self.answer(200, {"login": "admin", "name": form["name"], "token": token})
            if url.path == "/api/user_tokens/revoke":
                state.value["tokens"].pop(form.get("name"), None)
                state.save()
                return self.answer(204)
            return self.answer(404)

    host, port = settings.get("sonar.web.host", "0.0.0.0"), int(settings.get("sonar.web.port", "9000"))
    print(f"SonarQube {VERSION} (stand-in) is operational on {host}:{port}", flush=True)
    ThreadingHTTPServer((host, port), Handler).serve_forever()


def sonar_scanner(args):
    if "--version" in args or "-v" in args:
        print(f"SonarScanner CLI {VERSION}")
        return
    # Like the real scanner: conf/sonar-scanner.properties first, -D options over it.
    conf = HERE.parents[1] / "conf" / "sonar-scanner.properties"
    defined = properties(conf) if conf.exists() else {}
    defined.update(arg[2:].split("=", 1) for arg in args if arg.startswith("-D") and "=" in arg)
    host, token = defined.get("sonar.host.url"), defined.get("sonar.token") or os.environ.get("SONAR_TOKEN")
    if not host or not token or not defined.get("sonar.projectKey"):
        fail("sonar.host.url, sonar.token (or SONAR_TOKEN) and sonar.projectKey are required")
    request = Request(host.rstrip("/") + "/api/authentication/validate")
    request.add_header("Authorization", "Basic " + base64.b64encode(f"{token}:".encode()).decode())
    if not json.loads(urlopen(request, timeout=30).read())["valid"]:
        fail("the token is not valid")
    print("ANALYSIS SUCCESSFUL")


def zap_daemon(args, key):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *values):
            print(fmt % values, file=sys.stderr)

        def do_GET(self):
            url = urlparse(self.path)
            given = parse_qs(url.query).get("apikey", [self.headers.get("X-ZAP-API-Key")])[0]
            if given != key:
                body, status = {"code": "bad_api_key", "message": "Missing or incorrect API key"}, 400
            elif url.path == "/JSON/core/view/version/":
                body, status = {"version": VERSION}, 200
            elif url.path == "/JSON/core/action/shutdown/":
                body, status = {"Result": "OK"}, 200
            else:
                body, status = {"code": "no_implementor"}, 404
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            if status == 200 and url.path.endswith("/shutdown/"):
                os._exit(0)

    host, port = option(args, "-host", "127.0.0.1"), int(option(args, "-port", "8080"))
    print(f"ZAP {VERSION} (stand-in) is now listening on {host}:{port}", flush=True)
    ThreadingHTTPServer((host, port), Handler).serve_forever()


def zap_plan(plan_path):
    plan = Path(plan_path).read_text(encoding="utf-8")
    for step in ("spider", "activeScan", "report"):
        if not re.search(rf"^\s*-?\s*type:\s*{step}\s*$", plan, re.M):
            fail(f"the plan {plan_path} has no {step} job")
    directory = re.search(r"^\s*reportDir:\s*(\S+)", plan, re.M)
    name = re.search(r"^\s*reportFile:\s*(\S+)", plan, re.M)
    if not directory or not name:
        fail("the report job needs reportDir and reportFile")
    # The framework substitutes environment variables (${ZAP_REPORT_DIR}) in the plan.
    out = Path(os.path.expandvars(directory.group(1).strip("\"'")))
    out.mkdir(parents=True, exist_ok=True)
    report = (HERE / "report.json").read_text(encoding="utf-8")
    (out / (name.group(1).strip("\"'") + ".json")).write_text(report, encoding="utf-8")
    print("Automation plan succeeded")


def zap(args):
    if "-version" in args:
        print(VERSION)
        return
    config = properties(option(args, "-configfile")) if "-configfile" in args else {}
    config.update(value.split("=", 1) for value in (args[i + 1] for i, a in enumerate(args) if a == "-config"))
    if "-daemon" in args:
        if config.get("api.disablekey") == "true" or not config.get("api.key"):
            fail("the API key must be set (-config api.key=... or api.key in -configfile)")
        return zap_daemon(args, config["api.key"])
    if "-cmd" in args and "-autorun" in args:
        return zap_plan(option(args, "-autorun"))
    fail("use -daemon or -cmd -autorun PLAN")


TOOLS = {"dependency-check": dependency_check, "sonarqube": sonarqube, "sonar-scanner": sonar_scanner, "zap": zap}

if __name__ == "__main__":
    TOOLS[sys.argv[1]](sys.argv[2:])
