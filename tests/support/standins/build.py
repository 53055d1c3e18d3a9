"""Build the stand-in archives of the scanners, with the real archives' layout, and their checksums.

    python tests/support/standins/build.py OUTDIR     # prints {archive: {sha256, sha512}} as JSON

The real archives cannot be downloaded here. Each stand-in holds the real entry point at the real
path (dependency-check/bin/dependency-check.sh, sonarqube-<v>/bin/linux-x86-64/sonar.sh,
sonar-scanner-<v>-linux-x64/bin/sonar-scanner, ZAP_<v>/zap.sh), which runs standin.py, and the
recorded public sample reports (tests/fixtures/reports) that the tools answer with.
"""

import hashlib
import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORTS = HERE.parents[1] / "fixtures" / "reports"

VERSIONS = {"dependency_check": "12.1.0", "sonarqube": "25.1.0.102122", "sonar_scanner": "7.1.0.4889", "zap": "2.16.1"}

ENTRY = '#!/bin/sh\n# stand-in: {tool}\nexec python3 "$(dirname "$(readlink -f "$0")")/{up}standin/standin.py" {tool} "$@"\n'

SONAR_PROPERTIES = """# SonarQube stand-in: the real file's keys, all commented out as shipped.
#sonar.jdbc.username=
#sonar.jdbc.password=
#sonar.jdbc.url=jdbc:postgresql://localhost/sonarqube
#sonar.web.host=0.0.0.0
#sonar.web.port=9000
#sonar.path.data=data
#sonar.path.temp=temp
"""


def standin_files(version, **recorded):
    files = {"standin/standin.py": ((HERE / "standin.py").read_bytes(), 0o755), "standin/VERSION": (version.encode(), 0o644)}
    for name, source in recorded.items():
        files[f"standin/{name}.json"] = ((REPORTS / source).read_bytes(), 0o644)
    return files


def layouts(versions):
    """{archive name: {path inside: (bytes, mode)}} for each tool."""
    dc, sq, scanner, zap = (versions[k] for k in ("dependency_check", "sonarqube", "sonar_scanner", "zap"))
    scanner_dir = f"sonar-scanner-{scanner}-linux-x64"
    return {
        f"dependency-check-{dc}-release.zip": {
            "dependency-check/bin/dependency-check.sh": (ENTRY.format(tool="dependency-check", up="../lib/").encode(), 0o755),
            **{f"dependency-check/lib/{p}": v for p, v in standin_files(
                dc, report="dependency-check/dc-6.0.1-npm-virtual.json").items()},
        },
        f"sonarqube-{sq}.zip": {
            f"sonarqube-{sq}/bin/linux-x86-64/sonar.sh": (ENTRY.format(tool="sonarqube", up="../../lib/").encode(), 0o755),
            f"sonarqube-{sq}/conf/sonar.properties": (SONAR_PROPERTIES.encode(), 0o644),
            f"sonarqube-{sq}/data/README.txt": (b"data\n", 0o644),
            f"sonarqube-{sq}/logs/README.txt": (b"logs\n", 0o644),
            f"sonarqube-{sq}/temp/README.txt": (b"temp\n", 0o644),
            **{f"sonarqube-{sq}/lib/{p}": v for p, v in standin_files(
                sq, issues="sonarqube/issues-search-32-issues.json", hotspots="sonarqube/hotspots-search.json").items()},
        },
        f"sonar-scanner-cli-{scanner}-linux-x64.zip": {
            f"{scanner_dir}/bin/sonar-scanner": (ENTRY.format(tool="sonar-scanner", up="../lib/").encode(), 0o755),
            f"{scanner_dir}/conf/sonar-scanner.properties": (b"#sonar.host.url=http://localhost:9000\n", 0o644),
            **{f"{scanner_dir}/lib/{p}": v for p, v in standin_files(scanner).items()},
        },
        f"ZAP_{zap}_Linux.tar.gz": {
            f"ZAP_{zap}/zap.sh": (ENTRY.format(tool="zap", up="").encode(), 0o755),
            **{f"ZAP_{zap}/{p}": v for p, v in standin_files(zap, report="zap/zap-2.14.0-baseline.json").items()},
        },
    }


def archive(name, files):
    buffer = io.BytesIO()
    if name.endswith(".zip"):
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for path, (data, mode) in sorted(files.items()):
                info = zipfile.ZipInfo(path, date_time=(2025, 1, 1, 0, 0, 0))
                info.external_attr = (0o100000 | mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, data)
    else:
        with tarfile.open(fileobj=buffer, mode="w:gz") as out:
            for path, (data, mode) in sorted(files.items()):
                info = tarfile.TarInfo(path)
                info.size, info.mode, info.mtime = len(data), mode, 1735689600
                out.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def build(out_dir, versions=None):
    """Write the archives to out_dir; return {archive name: {"sha256": ..., "sha512": ...}}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name, files in layouts(dict(VERSIONS, **(versions or {}))).items():
        data = archive(name, files)
        (out_dir / name).write_bytes(data)
        sums[name] = {"sha256": hashlib.sha256(data).hexdigest(), "sha512": hashlib.sha512(data).hexdigest()}
    return sums


if __name__ == "__main__":
    print(json.dumps(build(sys.argv[1]), indent=2))
