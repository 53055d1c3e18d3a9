# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options of the modules that read scanner reports (REPORT_OPTIONS in module_utils/_findings/reports.py).
    DOCUMENTATION = r"""
options:
  path:
    description:
      - One scanner report to read.
    type: path
  paths:
    description:
      - Scanner reports to read. Each is read in full; a missing, empty, truncated or unrecognised
        report fails the task with a message naming the file.
    type: list
    elements: path
  format:
    description:
      - The format of the reports. V(auto) recognises each report by its content; another value says
        which format every report must be in, and a report that is not in it is refused, naming what
        it is and what was expected.
      - V(dependency_check) is OWASP Dependency-Check JSON (reportSchema 1.x); V(zap) is OWASP ZAP's
        JSON report; V(sonarqube) is the SonarQube C(api/issues/search) or C(api/hotspots/search) answer;
        V(trivy) is Trivy JSON (image, filesystem and C(trivy k8s) reports, and the C(null) that Trivy
        before 0.20 wrote for a clean scan, read only with V(trivy)); V(sarif) is SARIF 2.1.0
        (Semgrep, CodeQL, Bandit, Gitleaks and many more);
        V(kube_bench) is kube-bench's JSON (C(kube-bench run --json)), FAIL and WARN checks.
    type: str
    default: auto
    choices: [auto, dependency_check, zap, sonarqube, trivy, sarif, kube_bench]
"""
