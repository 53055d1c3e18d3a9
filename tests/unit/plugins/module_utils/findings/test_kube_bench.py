"""kube-bench JSON: FAIL and WARN checks are findings, the benchmark's number their rule."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, finding_id
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report


def test_kube_bench_own_sample_gives_its_one_warn(report):
    """kube-bench's cmd/testdata/result.json: PASS results are not findings, the manual WARN is."""
    result = parse_report(report("kube-bench/kube-bench-testdata-result.json"))
    assert (result["format"], result["tool"], result["scope"]) == ("kube_bench", "kube_bench", None)
    (warn,) = result["findings"]
    assert warn["rule_id"] == "3.1.1"
    assert warn["title"] == "Client certificate authentication should not be used for users (Not Scored)"
    assert (warn["severity"], warn["tool_severity"], warn["status"]) == ("LOW", "WARN", "active")
    assert warn["description"].splitlines() == [
        "Control Plane Configuration / 3.1 Authentication and Authorization: "
        "Client certificate authentication should not be used for users (Not Scored)",
        "Reason: Test marked as a manual test",
    ]
    assert warn["remediation"].startswith("Alternative mechanisms provided by Kubernetes such as the use of OIDC")


def test_the_bare_list_of_controls_reads_the_same(report):
    """Older kube-bench (and one target) writes the controls without the Controls/Totals wrapper."""
    listed = parse_report(report("kube-bench/kube-bench-testdata-controlsCollection.json"))["findings"]
    wrapped = parse_report(report("kube-bench/kube-bench-testdata-result.json"))["findings"]
    assert [finding_id(f) for f in listed] == [finding_id(f) for f in wrapped]


def test_eks_benchmark_fail_and_warn_by_severity(report):
    findings = parse_report(report("kube-bench/kube-bench-eks-1.7.0-odd-cases.json"))["findings"]
    assert [(f["rule_id"], f["tool_severity"], f["severity"]) for f in findings] == [
        ("3.1.3", "FAIL", "HIGH"),
        ("3.2.1", "FAIL", "HIGH"),
        ("4.1.1", "WARN", "LOW"),
        ("5.1.1", "WARN", "LOW"),
    ]
    anonymous = findings[1]
    assert "Expected: '{.authentication.anonymous.enabled}' is equal to 'false'" in anonymous["description"]
    assert 'Found: "enabled": true' in anonymous["description"]
    assert findings[2]["description"].endswith("Reason: failed to run: kubectl get clusterrolebindings, error: exit status 1")


def test_a_manual_fail_is_medium(tmp_path, report):
    with open(report("kube-bench/kube-bench-eks-1.7.0-odd-cases.json")) as handle:
        document = json.load(handle)
    document["Controls"][2]["tests"][0]["results"][0]["status"] = "FAIL"
    path = tmp_path / "manual-fail.json"
    path.write_text(json.dumps(document))
    manual = [f for f in parse_report(str(path))["findings"] if f["rule_id"] == "5.1.1"]
    assert [(f["tool_severity"], f["severity"]) for f in manual] == [("FAIL", "MEDIUM")]


def test_a_failed_check_without_number_names_the_file(tmp_path, report):
    with open(report("kube-bench/kube-bench-eks-1.7.0-odd-cases.json")) as handle:
        document = json.load(handle)
    del document["Controls"][0]["tests"][0]["results"][1]["test_number"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document))
    message = r"cannot parse kube-bench report .*broken.json: Controls\[0\].tests\[0\].results\[1\]: a FAIL result has no test_number"
    with pytest.raises(FindingError, match=message):
        parse_report(str(path), "kube_bench")


def test_a_full_run_over_every_target_gives_each_fail_and_warn_once(report):
    """A CIS 1.6 run over master, etcd, control plane, node and policies (DefectDojo's sample):
    Totals says 36 FAIL and 49 WARN; every one is a finding, as a misconfiguration of Kubernetes."""
    findings = parse_report(report("kube-bench/kube-bench-cis-1.6-all-targets.json"))["findings"]
    assert [f["tool_severity"] for f in findings].count("FAIL") == 36
    assert [f["tool_severity"] for f in findings].count("WARN") == 49
    assert {(f["tool_severity"], f["severity"]) for f in findings} == {("FAIL", "HIGH"), ("WARN", "LOW")}
    assert {(f["kind"], f["category"], f["variant"]) for f in findings} == {("misconfiguration", "kubernetes", "benchmark 1.6")}
    assert [f["rule_id"] for f in findings][:3] == ["1.1.1", "1.1.2", "1.1.3"]


def test_a_node_report_with_a_manual_fail(report):
    findings = parse_report(report("kube-bench/kube-bench-cis-1.5-node-fails.json"))["findings"]
    assert [(f["rule_id"], f["severity"]) for f in findings] == [
        ("3.1.1", "MEDIUM"),  # "(Manual)", scored false
        ("4.1.2", "HIGH"),
        ("4.1.5", "HIGH"),
        ("4.2.11", "HIGH"),
    ]


def test_a_report_where_everything_passed_has_no_findings(report):
    result = parse_report(report("kube-bench/kube-bench-cis-1.5-node-all-pass.json"))
    assert (result["format"], result["findings"]) == ("kube_bench", [])


def test_one_number_in_two_benchmarks_is_two_findings(tmp_path, report):
    """4.2.1 of CIS 1.5 is not 4.2.1 of eks-1.7.0: the benchmark version keeps their ids apart."""
    with open(report("kube-bench/kube-bench-cis-1.5-node-fails.json")) as handle:
        document = json.load(handle)
    (finding,) = [f for f in parse_report(report("kube-bench/kube-bench-cis-1.5-node-fails.json"))["findings"] if f["rule_id"] == "4.1.2"]
    for control in document:
        control["version"] = "eks-1.7.0"
    path = tmp_path / "eks.json"
    path.write_text(json.dumps(document))
    (other,) = [f for f in parse_report(str(path))["findings"] if f["rule_id"] == "4.1.2"]
    assert finding_id(finding) != finding_id(other)


def test_format_kube_bench_on_another_tool_report_says_what_it_expected(report):
    with pytest.raises(FindingError, match=r"is not in the kube-bench format \(it reads as OWASP ZAP\): expected a list of controls"):
        parse_report(report("zap/zap-2.14.0-baseline.json"), "kube_bench")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["Controls"][0]["tests"][0].__setitem__("results", "FAIL"), r"Controls\[0\]\.tests\[0\]\.results is a string, expected a list"),
        (lambda d: d["Controls"][0]["tests"][0]["results"][1].__setitem__("scored", "yes"), r"results\[1\]\.scored is not true or false"),
        (lambda d: d["Controls"][0]["tests"][0]["results"][1].__setitem__("test_desc", {"a": 1}), r"results\[1\]\.test_desc is an object, expected text"),
        (lambda d: d.__setitem__("Controls", []), r"is not in the kube-bench format \(it is in no format this collection reads\)"),
    ],
)
def test_a_wrong_shape_is_refused_with_where(tmp_path, report, change, message):
    with open(report("kube-bench/kube-bench-eks-1.7.0-odd-cases.json")) as handle:
        document = json.load(handle)
    change(document)
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(document))
    with pytest.raises(FindingError, match=r"wrong\.json.*" + message):
        parse_report(str(path), "kube_bench")
