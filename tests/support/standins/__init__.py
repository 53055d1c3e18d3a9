"""Stand-ins for the scanners' programs (standin.py) and their archives (build.py)."""

import base64
import contextlib
import json
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.fixtures import REPORTS
from tests.support.local_aws import free_port

HERE = Path(__file__).resolve().parent
SONARQUBE_VERSION = "25.1.0.102122"


@contextlib.contextmanager
def sonarqube_server(home):
    """The SonarQube stand-in on 127.0.0.1 holding the recorded analysis: yields (url, scan token)."""
    standin = home / "lib" / "standin"
    standin.mkdir(parents=True)
    (home / "data").mkdir()
    (home / "conf").mkdir()
    shutil.copy(HERE / "standin.py", standin)
    (standin / "VERSION").write_text(SONARQUBE_VERSION)
    shutil.copy(REPORTS / "sonarqube/issues-search-32-issues.json", standin / "issues.json")
    shutil.copy(REPORTS / "sonarqube/hotspots-search.json", standin / "hotspots.json")
    port = free_port()
    (home / "conf" / "sonar.properties").write_text(f"sonar.web.host=127.0.0.1\nsonar.web.port={port}\n")
    server = subprocess.Popen([sys.executable, str(standin / "standin.py"), "sonarqube"], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for dummy in range(100):
            try:
                urllib.request.urlopen(url + "/api/system/status", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        request = urllib.request.Request(url + "/api/user_tokens/generate", data=b"name=scan", method="POST")
        request.add_header("Authorization", "Basic " + base64.b64encode(b"admin:admin").decode())
        yield url, json.loads(urllib.request.urlopen(request, timeout=5).read())["token"]
    finally:
        server.terminate()
        server.wait(timeout=10)
